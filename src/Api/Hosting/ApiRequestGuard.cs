using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace PerfWorkflow.Api.Hosting;

/// <summary>Settings section "Security".</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Origins (scheme://host[:port]) besides the app's own and <c>PublicBaseUrl</c> whose pages may call the API with
    /// the user's cookie, e.g. a second intranet host name of the same site.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Largest JSON body of an API write; a declaration with every field at its limit is far below it.</summary>
    [System.ComponentModel.DataAnnotations.Range(1024, 64 * 1024 * 1024)]
    public long MaxJsonBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// CSRF defence of the JSON API (docs/security.md): a write to <c>/api</c> (POST, PUT, PATCH, DELETE) must carry
/// <c>Content-Type: application/json</c> — even without a body — or <c>multipart/form-data</c> where the endpoint
/// declares that it accepts files, which a cross-site form cannot send without a CORS preflight the app never grants;
/// and a cross-origin <c>Origin</c> or a <c>Sec-Fetch-Site</c> other than same-origin/none is refused. Clients that
/// send JSON without an <c>Origin</c> (scripts, other services) keep working.
/// </summary>
public static class ApiRequestGuard
{
    public static void AddApiRequestGuard(this WebApplicationBuilder builder)
    {
        builder.BindValidated<SecurityOptions>(SecurityOptions.SectionName);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
    }

    public static void UseApiRequestGuard(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        var hosting = app.Services.GetRequiredService<HostingOptions>();
        var allowed = options.AllowedOrigins.Append(hosting.PublicBaseUrl)
            .Select(NormaliseOrigin).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api") && IsWrite(http.Request.Method)
                && Refusal(http, allowed, options.MaxJsonBodyBytes) is { } refusal)
            {
                await Results.Problem(refusal.Detail, statusCode: refusal.Status, title: "请求被拒绝").ExecuteAsync(http);
                return;
            }
            await next(http);
        });
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static (int Status, string Detail)? Refusal(HttpContext http, HashSet<string> allowed, long maxJsonBytes)
    {
        var request = http.Request;
        var origin = request.Headers.Origin.ToString();
        var ownOrigin = $"{request.Scheme}://{request.Host}";
        var originAllowed = false;
        if (origin.Length > 0)
        {
            originAllowed = string.Equals(origin, ownOrigin, StringComparison.OrdinalIgnoreCase) || allowed.Contains(origin);
            if (!originAllowed)
            {
                return (StatusCodes.Status403Forbidden, "跨站请求被拒绝：接口写操作只接受本系统页面发出的请求（Origin 不在允许的来源中）。");
            }
        }
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && !originAllowed
            && !fetchSite.Equals("same-origin", StringComparison.OrdinalIgnoreCase) && !fetchSite.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return (StatusCodes.Status403Forbidden, "跨站请求被拒绝：接口写操作只接受本系统页面发出的请求（Sec-Fetch-Site）。");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return (StatusCodes.Status415UnsupportedMediaType, "接口写操作须带 Content-Type: application/json（没有请求体时也一样）。");
        }
        if (contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            if (request.ContentLength > maxJsonBytes)
            {
                return (StatusCodes.Status413PayloadTooLarge, $"请求体超过 {maxJsonBytes / 1024} KB 的上限。");
            }
            // A chunked body without Content-Length is cut at the same size by the server (Kestrel).
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = maxJsonBytes;
            }
            return null;
        }
        if (contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase) && AcceptsFiles(http.GetEndpoint()))
        {
            return null;
        }
        return (StatusCodes.Status415UnsupportedMediaType,
            $"接口写操作须带 Content-Type: application/json（上传文件的接口另接受 multipart/form-data），收到的是 {contentType.MediaType}。");
    }

    /// <summary>Minimal APIs add this metadata for IFormFile/IFormCollection parameters (and .Accepts("multipart/form-data")).</summary>
    private static bool AcceptsFiles(Endpoint? endpoint) =>
        endpoint?.Metadata.GetOrderedMetadata<IAcceptsMetadata>()
            .Any(m => m.ContentTypes.Any(t => t.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))) == true;

    private static string? NormaliseOrigin(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
