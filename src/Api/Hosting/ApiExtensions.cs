using System.Text.Json.Serialization;

namespace PerfWorkflow.Api.Hosting;

public static class ApiExtensions
{
    /// <summary>JSON in camelCase, ProblemDetails for every error (never a stack trace), the OpenAPI document.</summary>
    public static void AddApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
    }

    public static void UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        var openApi = app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Services.GetRequiredService<HostingOptions>().Profile == AppProfile.Production)
        {
            // The full map of the API is for signed-in users only in production (docs/security.md).
            openApi.RequireAuthorization();
        }
    }
}
