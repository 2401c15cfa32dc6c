namespace PerfWorkflow.Api.Hosting;

/// <summary>
/// Response headers of every page, API answer and /act link (docs/security.md): a Content-Security-Policy that runs
/// scripts from the app's own files only (no inline scripts or handlers) and forbids framing, nosniff, a same-origin
/// Referrer-Policy; HSTS in the production profile over TLS.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Inline styles stay allowed: the mail preview (/dev/mail, sandboxed srcdoc frame) shows mails styled inline as mail
    /// clients need them. Scripts: 'self' only.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
        + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void AddSecurityHeaders(this WebApplicationBuilder builder, HostingOptions hosting)
    {
        if (hosting.Profile == AppProfile.Production)
        {
            builder.Services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                // The defaults skip localhost; a production node is reached by its real name, tests by localhost.
                o.ExcludedHosts.Clear();
            });
        }
    }

    /// <summary>Early in the pipeline so error pages, 401/403/429 answers and static files carry the headers too.</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<HostingOptions>().Profile == AppProfile.Production)
        {
            app.UseHsts();
        }
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            return next(http);
        });
    }
}
