using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PerfWorkflow.Api.Hosting;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so the audit trail would record it and the
/// per-address limit on /act would be shared by the whole bureau. <c>ReverseProxy:KnownProxies</c> lists the proxies
/// (addresses or CIDR networks) whose X-Forwarded-For / X-Forwarded-Proto are believed; nothing is believed by default,
/// so a client cannot forge its address by sending the header itself.
/// </summary>
public static class ReverseProxyExtensions
{
    public const string SectionName = "ReverseProxy";

    public static void AddReverseProxy(this WebApplicationBuilder builder)
    {
        var key = $"{SectionName}:KnownProxies";
        var entries = builder.Configuration.GetSection(key).Get<string[]>() ?? [];
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new StartupException($"Setting {key} has '{entry}', which is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }

        if (proxies.Count == 0 && networks.Count == 0)
        {
            return;
        }
        builder.Services.AddSingleton(new TrustedProxies());
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback; only what is configured is trusted here, loopback included. (Both lists
            // empty would make the middleware trust everyone, hence no middleware at all without configuration.)
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            // One hop: the proxy in front of us. A longer chain is configured at that proxy.
            o.ForwardLimit = 1;
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's address.</summary>
    public static void UseReverseProxy(this WebApplication app)
    {
        if (app.Services.GetService<TrustedProxies>() is not null)
        {
            app.UseForwardedHeaders();
        }
    }

    /// <summary>Present in the container only when at least one proxy is configured.</summary>
    private sealed class TrustedProxies;
}
