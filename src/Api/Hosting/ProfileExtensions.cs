using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PerfWorkflow.Api.Hosting;

public static class ProfileExtensions
{
    /// <summary>Reads and checks the profile and its required settings; a problem stops start-up with one clear line.</summary>
    public static HostingOptions AddProfile(this WebApplicationBuilder builder)
    {
        var hosting = new HostingOptions();
        var profileText = builder.Configuration["Profile"];
        if (!string.IsNullOrWhiteSpace(profileText) && !Enum.TryParse<AppProfile>(profileText, ignoreCase: true, out _))
        {
            throw new StartupException($"Setting Profile has the unknown value '{profileText}'; use Embedded or Production.");
        }
        builder.Configuration.Bind(hosting);
        builder.Services.AddSingleton(Options.Create(hosting));
        builder.Services.AddSingleton(hosting);

        if (hosting.Profile == AppProfile.Production)
        {
            if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Main")))
            {
                throw new StartupException(
                    "Setting ConnectionStrings:Main is missing (Production profile needs the PostgreSQL connection string; env ConnectionStrings__Main).");
            }
        }
        return hosting;
    }

    /// <summary>
    /// The one way settings are read: binds a section and checks its data annotations now, so a missing setting names
    /// itself at start, and registers it as <c>IOptions&lt;T&gt;</c>. Reading the same section again (a check across
    /// settings) gives the same value and registers nothing more.
    /// </summary>
    public static T BindValidated<T>(this WebApplicationBuilder builder, string sectionName)
        where T : class, new()
    {
        var section = builder.Configuration.GetSection(sectionName);
        var value = new T();
        section.Bind(value);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            var first = results[0];
            var member = first.MemberNames.FirstOrDefault();
            var key = member is null ? sectionName : $"{sectionName}:{member}";
            throw new StartupException($"Setting {key} is invalid: {first.ErrorMessage}");
        }
        builder.Services.TryAddSingleton(Options.Create(value));
        return value;
    }
}
