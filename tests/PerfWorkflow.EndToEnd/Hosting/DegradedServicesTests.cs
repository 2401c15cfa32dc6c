using System.Diagnostics;
using PerfWorkflow.EndToEnd.Infrastructure;

namespace PerfWorkflow.EndToEnd.Hosting;

/// <summary>What the operator sees when a server is missing: the database is fatal (one line), broker and mail are not.</summary>
public sealed class DegradedServicesTests
{
    [Fact]
    public async Task Start_FailsFast_WithOneClearLine_WhenTheDatabaseIsUnreachable()
    {
        var closedPort = SmtpTestServer.FreePort();

        var (exitCode, stdout, stderr) = await RunApiAsync(new Dictionary<string, string>
        {
            ["Profile"] = "Production",
            ["ConnectionStrings__Main"] = $"Host=127.0.0.1;Port={closedPort};Database=perfworkflow;Username=pw",
            ["RabbitMq__Host"] = "127.0.0.1",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__FromAddress"] = "jx@futian.example.cn",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"Cannot reach the database at 127.0.0.1:{closedPort}/perfworkflow (ConnectionStrings:Main)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NamesTheMissingSetting_InProductionProfile()
    {
        var (exitCode, _, stderr) = await RunApiAsync(new Dictionary<string, string> { ["Profile"] = "Production" });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ConnectionStrings:Main", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Retention__IdempotencyRecords", "3.00:00:00", "Retention:IdempotencyRecords", "ActionLinks:Lifetime")]
    [InlineData("ReverseProxy__KnownProxies__0", "proxy.intranet", "ReverseProxy:KnownProxies", "'proxy.intranet'")]
    public async Task Start_NamesAnInvalidEmbeddedSetting_InOneLine(string variable, string value, string named, string detail)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pw-settings-");
        try
        {
            var (exitCode, _, stderr) = await RunApiAsync(new Dictionary<string, string>
            {
                ["Profile"] = "Embedded",
                ["DataDirectory"] = dataDirectory.FullName,
                [variable] = value,
            });

            Assert.Equal(1, exitCode);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(named, line, StringComparison.Ordinal);
            Assert.Contains(detail, line, StringComparison.Ordinal);
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Start_NamesTheMissingSmtpHost_WhenTheDatabaseIsFine()
    {
        await using var database = await TestDatabase.CreateAsync();

        var (exitCode, _, stderr) = await RunApiAsync(new Dictionary<string, string>
        {
            ["Profile"] = "Production",
            ["ConnectionStrings__Main"] = database.ConnectionString,
            ["RabbitMq__Host"] = "127.0.0.1",
            ["Smtp__FromAddress"] = "jx@futian.example.cn",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Smtp:Host", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RefusesWithOneLine_WithoutTheKeyRingCertificate()
    {
        await using var database = await TestDatabase.CreateAsync();
        var deadPort = SmtpTestServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, _, stderr) = await RunApiAsync(new Dictionary<string, string>
        {
            ["Profile"] = "Production",
            ["ConnectionStrings__Main"] = database.ConnectionString,
            ["Database__MigrateOnStart"] = "true",
            ["RabbitMq__Host"] = "127.0.0.1",
            ["RabbitMq__Port"] = deadPort,
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = deadPort,
            ["Smtp__FromAddress"] = "jx@futian.example.cn",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("DataProtection:CertificatePath", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SaysToMigrate_WhenTheDatabaseHasNoSchema_AndMigrateOnStartIsOff()
    {
        await using var database = await TestDatabase.CreateAsync();
        var deadPort = SmtpTestServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exitCode, _, stderr) = await RunApiAsync(new Dictionary<string, string>
        {
            ["Profile"] = "Production",
            ["ConnectionStrings__Main"] = database.ConnectionString,
            ["RabbitMq__Host"] = "127.0.0.1",
            ["RabbitMq__Port"] = deadPort,
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = deadPort,
            ["Smtp__FromAddress"] = "jx@futian.example.cn",
            ["DataProtection__CertificatePath"] = TestKeyRingCertificate.FilePath,
            ["DataProtection__CertificatePassword"] = TestKeyRingCertificate.Password,
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("migrate", line, StringComparison.Ordinal);
        Assert.Contains("Database:MigrateOnStart", line, StringComparison.Ordinal);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Fact]
    public async Task App_Serves_WithBrokerAndMailDown_AndReportsThemDegraded()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var smtp = SmtpTestServer.Start();
        var deadPort = SmtpTestServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var app = new ProductionApp(database, smtp, new Dictionary<string, string?>
        {
            ["RabbitMq:Port"] = deadPort,
            ["Smtp:Port"] = deadPort,
        });
        using var client = app.CreateClient();

        var report = await HealthProbe.WaitForEntryAsync(client, "bus", "Degraded", TimeSpan.FromSeconds(30));

        Assert.Equal("Degraded", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("entries").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Degraded", report.GetProperty("entries").GetProperty("mail").GetProperty("status").GetString());
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>Runs the built Api as its own process, as an operator would, with a clean environment for our keys.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunApiAsync(IDictionary<string, string> environment)
    {
        var apiDll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [apiDll, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
        };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)
                     || k.StartsWith("RabbitMq__", StringComparison.Ordinal) || k.StartsWith("Smtp__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The app did not stop within 60 s although its start-up should have failed.");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
