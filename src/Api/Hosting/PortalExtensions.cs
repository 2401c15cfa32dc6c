namespace PerfWorkflow.Api.Hosting;

public static class PortalExtensions
{
    /// <summary>The server-rendered zh-CN portal: every page needs a signed-in user except login, the error pages and email links.</summary>
    public static void AddPortal(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToFolder("/Errors");
            o.Conventions.AllowAnonymousToFolder("/Act");
        });
        builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
        builder.Services.AddScoped<PerfWorkflow.Api.Tasks.TaskList>();
        // Chinese text goes out as characters, not as &#x…; escapes (smaller pages, readable source).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
    }

    public static void UsePortal(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapRazorPages();
    }
}
