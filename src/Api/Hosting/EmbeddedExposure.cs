namespace PerfWorkflow.Api.Hosting;

/// <summary>
/// The embedded profile is for trying the product: its demo users share a public password, so it listens on loopback
/// only unless told otherwise (an explicit <c>--urls</c> / <c>urls</c> setting), and says so loudly at every start.
/// Port-only settings (ASPNETCORE_HTTP_PORTS, as container images set by default) bind every interface and are
/// narrowed to loopback on the same ports.
/// </summary>
public static class EmbeddedExposure
{
    public const string DefaultUrl = "http://localhost:5000";

    public static void AddEmbeddedExposure(this WebApplicationBuilder builder, HostingOptions hosting)
    {
        if (hosting.Profile != AppProfile.Embedded)
        {
            return;
        }
        builder.WebHost.UseUrls(ListenUrls(builder.Configuration));
        builder.Services.AddHostedService<DemoUsersWarning>();
    }

    /// <summary>The addresses the embedded profile listens on, from the host settings.</summary>
    public static string ListenUrls(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return urls;
        }
        var ports = $"{configuration["http_ports"]};{configuration["https_ports"]}"
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return ports.Length == 0 ? DefaultUrl : string.Join(';', ports.Select(p => $"http://localhost:{p}"));
    }

    private sealed class DemoUsersWarning(ILogger<DemoUsersWarning> logger, IConfiguration configuration) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            logger.LogWarning(
                "EMBEDDED DEMO PROFILE: demo users (admin, office, leader, finance, head.gy, drafter.gy, drafter.xf) exist with the public password {Password}; "
                + "anyone who can reach {Urls} can sign in as admin. For trying the product only — never for real data; use Profile=Production.",
                DemoDataSeeder.DemoPassword, ListenUrls(configuration));
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
