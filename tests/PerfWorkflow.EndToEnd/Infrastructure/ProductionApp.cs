using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PerfWorkflow.EndToEnd.Infrastructure;

/// <summary>
/// The app in its production profile against the real PostgreSQL and RabbitMQ of infra/services.sh and an in-process
/// SMTP server. Each instance gets its own empty database and RabbitMQ virtual-host-free queue names.
/// </summary>
public sealed class ProductionApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public ProductionApp(TestDatabase database, SmtpTestServer smtp, IDictionary<string, string?>? overrides = null)
    {
        Database = database;
        Smtp = smtp;
        var rabbit = TestEnvironment.RabbitMqUri;
        _settings = new Dictionary<string, string?>
        {
            ["Profile"] = "Production",
            ["ConnectionStrings:Main"] = database.ConnectionString,
            ["Database:MigrateOnStart"] = "true",
            ["RabbitMq:Host"] = rabbit.Host,
            ["RabbitMq:Port"] = rabbit.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RabbitMq:UserName"] = "guest",
            ["RabbitMq:Password"] = "guest",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:FromAddress"] = "jx@futian.example.cn",
            ["Bootstrap:AdminUserName"] = BootstrapAdmin,
            ["Bootstrap:AdminPassword"] = BootstrapPassword,
            ["Jobs:QueuePollInterval"] = "00:00:00.200",
            ["Jobs:SchedulePollingInterval"] = "00:00:00.500",
            // Every test request comes from the same (empty) client address; the limit itself is tested in Api.Tests.
            ["ActionLinks:PermitsPerMinute"] = "10000",
            ["Auth:LoginPermitsPerMinute"] = "10000",
            ["DataProtection:CertificatePath"] = TestKeyRingCertificate.FilePath,
            ["DataProtection:CertificatePassword"] = TestKeyRingCertificate.Password,
        };
        if (overrides is not null)
        {
            foreach (var (key, value) in overrides)
            {
                _settings[key] = value;
            }
        }
    }

    public const string BootstrapAdmin = "root";
    public const string BootstrapPassword = "Root#2024";

    public TestDatabase Database { get; }

    /// <summary>A client signed in as the bootstrap admin of the production profile.</summary>
    public async Task<HttpClient> CreateAdminClientAsync()
    {
        var client = CreateClient();
        using var response = await client.PostAsync(
            new Uri("/api/auth/login", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { userName = BootstrapAdmin, password = BootstrapPassword }));
        response.EnsureSuccessStatusCode();
        return client;
    }

    public SmtpTestServer Smtp { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment("Production");
    }
}
