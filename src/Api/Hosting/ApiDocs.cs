using System.Net;
using System.Text;

namespace PerfWorkflow.Api.Hosting;

/// <summary>
/// <c>/api/docs</c>: a plain, self-contained reader of the HTTP API (no CDN — this runs on an intranet), built from the
/// same endpoint metadata the OpenAPI document at <c>/openapi/v1.json</c> is generated from.
/// </summary>
public static class ApiDocs
{
    public static void MapApiDocs(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/docs", (EndpointDataSource endpoints) => Results.Content(Render(endpoints), "text/html; charset=utf-8"))
           .AllowAnonymous()
           .ExcludeFromDescription();

    private static string Render(EndpointDataSource source)
    {
        var rows = source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal) && raw != "/api/docs")
            .Select(e => new
            {
                Path = e.RoutePattern.RawText!,
                Methods = string.Join(" ", e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]),
                Tag = e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>()?.Tags is { Count: > 0 } tags ? tags[0] : "other",
                Auth = e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null ? "公开"
                    : e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is { } a ? (a.Policy ?? "登录用户") : "公开",
            })
            .OrderBy(r => r.Tag, StringComparer.Ordinal).ThenBy(r => r.Path, StringComparer.Ordinal)
            .ToList();
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>接口文档 — 绩效目标申报系统</title>
            <link rel="stylesheet" href="/css/site.css"></head><body><main class="page">
            <h1>HTTP 接口文档</h1>
            <p>JSON 字段为 camelCase；错误统一为 ProblemDetails（中文说明）。完整的机器可读描述：<a href="/openapi/v1.json">/openapi/v1.json</a>（OpenAPI）。
            写操作请带 <code>Idempotency-Key</code> 请求头；修改申报表请带 <code>expectedVersion</code>。</p>
            <table class="grid"><thead><tr><th scope="col">分组</th><th scope="col">方法</th><th scope="col">路径</th><th scope="col">权限</th></tr></thead><tbody>
            """);
        foreach (var row in rows)
        {
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(row.Tag))
                .Append("</td><td><code>").Append(WebUtility.HtmlEncode(row.Methods))
                .Append("</code></td><td><code>").Append(WebUtility.HtmlEncode(row.Path))
                .Append("</code></td><td>").Append(WebUtility.HtmlEncode(row.Auth)).Append("</td></tr>");
        }
        html.Append("</tbody></table></main></body></html>");
        return html.ToString();
    }
}
