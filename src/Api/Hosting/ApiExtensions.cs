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
        // Pages get Chinese HTML error pages (Pages/Errors/Status); /api and the other machine endpoints keep ProblemDetails.
        app.UseWhen(IsPortalPage, page =>
        {
            page.UseExceptionHandler("/error/500");
            page.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseWhen(context => !IsPortalPage(context), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        // Routing after the error middleware, so a re-executed /error/{code} is routed to its page.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        var openApi = app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Services.GetRequiredService<HostingOptions>().Profile == AppProfile.Production)
        {
            // The full map of the API is for signed-in users only in production (docs/security.md).
            openApi.RequireAuthorization();
        }
    }

    private static readonly string[] MachinePaths = ["/api", "/health", "/openapi", "/hangfire", "/error"];

    /// <summary>A request for a portal page (HTML), as opposed to the API, health checks, OpenAPI or the Hangfire dashboard.</summary>
    public static bool IsPortalPage(HttpContext context) =>
        !MachinePaths.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
