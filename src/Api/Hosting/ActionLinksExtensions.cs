using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using PerfWorkflow.Api.Links;
using PerfWorkflow.Notifications.Links;

namespace PerfWorkflow.Api.Hosting;

public static class ActionLinksExtensions
{
    /// <summary>Rate-limiter policy of the /act pages (and the mailbox page).</summary>
    public const string RateLimitPolicy = "action-links";

    /// <summary>Email action links: Data Protection keys in the database, the real issuer, a per-address rate limit.</summary>
    public static void AddActionLinks(this WebApplicationBuilder builder)
    {
        var options = builder.BindValidated<ActionLinkOptions>(ActionLinkOptions.SectionName);
        // One application name so every node (whatever its content root) reads and writes the same key ring.
        builder.Services.AddDataProtection().SetApplicationName("PerfWorkflow");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory>((o, scopes) => o.XmlRepository = new DatabaseXmlRepository(scopes));
        builder.Services.AddSingleton<ActionLinkIssuer>();
        // AddSingleton, not TryAdd: replaces the portal-only fallback the notification consumers register.
        builder.Services.AddSingleton<IActionLinkIssuer>(sp => sp.GetRequiredService<ActionLinkIssuer>());

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync(TooManyRequestsPage, ct));
            };
        });
    }

    public static void UseActionLinks(this WebApplication app) => app.UseRateLimiter();

    private const string TooManyRequestsPage =
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>请求过于频繁 — 绩效目标申报系统</title>"
        + "<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main class=\"page\"><section class=\"notice\">"
        + "<h1>请求过于频繁</h1><p>同一网络地址在一分钟内打开操作链接的次数过多，系统已暂时拒绝。请稍等一分钟后再试，"
        + "或<a href=\"/login\">登录系统</a>在待办中办理。</p></section></main></body></html>";
}
