using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Hangfire;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Notifications.Mail;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.EndToEnd.Hosting;

/// <summary>The production profile on the real PostgreSQL and RabbitMQ, with an in-process SMTP server.</summary>
public sealed class ProductionProfileTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private SmtpTestServer _smtp = null!;
    private ProductionApp _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _smtp = SmtpTestServer.Start();
        _app = new ProductionApp(_database, _smtp);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Ready_ReportsDatabaseBusAndMailHealthy()
    {
        var report = await HealthProbe.WaitForEntryAsync(_client, "bus", "Healthy", TimeSpan.FromSeconds(30));

        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("entries").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", report.GetProperty("entries").GetProperty("mail").GetProperty("status").GetString());
    }

    [Fact]
    public async Task OverTls_AnswersCarryHsts_TheCookieIsSecure_AndOpenApiNeedsASignedInUser()
    {
        using var https = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        });

        using var anonymous = await https.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var login = await https.PostAsync(new Uri("/api/auth/login", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { userName = ProductionApp.BootstrapAdmin, password = ProductionApp.BootstrapPassword }));
        using var signedIn = await https.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(anonymous.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("secure", Assert.Single(login.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task Migrations_CreateTheWholeSchema_InAnEmptyDatabase()
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var known = db.Database.GetMigrations().ToList();

        var applied = await _database.ScalarAsync<long>("SELECT count(*) FROM __ef_migrations_history");
        var outbox = await _database.ScalarAsync<string>("SELECT to_regclass('public.outbox_messages')::text");

        Assert.NotEmpty(known);
        Assert.Equal(known.Count, applied);
        Assert.Equal("outbox_messages", outbox);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Hangfire_CreatesItsSchema_AndRunsAScheduledJob()
    {
        var jobs = _app.Services.GetRequiredService<IBackgroundJobClient>();
        var token = Guid.NewGuid();

        var jobId = jobs.Schedule(() => ProbeJob.Run(token), TimeSpan.FromSeconds(1));
        var ranAt = await ProbeJob.WaitAsync(token, TimeSpan.FromSeconds(30));

        Assert.NotNull(await _database.ScalarAsync<string>("SELECT to_regclass('hangfire.job')::text"));
        Assert.True(ranAt > DateTimeOffset.UtcNow.AddMinutes(-1));
        var state = await WaitForJobStateAsync(jobId, "Succeeded", TimeSpan.FromSeconds(10));
        Assert.Equal("Succeeded", state);
    }

    [Fact]
    public async Task Bus_CarriesAMessage_ThroughRabbitMq_ToItsConsumer()
    {
        var bus = _app.Services.GetRequiredService<IBus>();
        var client = bus.CreateRequestClient<BusPing>(RequestTimeout.After(s: 30));
        var id = Guid.NewGuid();

        var response = await client.GetResponse<BusPong>(new BusPing(id, DateTimeOffset.UtcNow));

        Assert.Equal("rabbitmq", bus.Address.Scheme);
        Assert.Equal(id, response.Message.Id);
        Assert.Equal("rabbitmq", response.SourceAddress?.Scheme);
    }

    [Fact]
    public async Task Mail_ReachesTheSmtpServer_WithChineseSubjectAndBodyIntact()
    {
        var sender = _app.Services.GetRequiredService<IMailSender>();
        const string subject = "【绩效目标申报】小型工程类项目已提交，请办公室审核";
        const string text = "本年度项目金额：15.0000 万元\n测算依据：局内办公修缮费用15万元。";

        await sender.SendAsync(
            new MailEnvelope("office@futian.example.cn", "办公室", subject, "<p>本年度项目金额：<b>15.0000 万元</b></p>", text),
            CancellationToken.None);

        var mail = await _smtp.WaitForAsync(m => m.Subject == subject, TimeSpan.FromSeconds(10));
        Assert.Equal(text, (mail.TextBody ?? "").TrimEnd('\r', '\n').ReplaceLineEndings("\n"));
        Assert.Contains("<b>15.0000 万元</b>", mail.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.Equal("办公室", mail.To.Mailboxes.Single().Name);
        Assert.Equal("jx@futian.example.cn", mail.From.Mailboxes.Single().Address);
    }

    private async Task<string?> WaitForJobStateAsync(string jobId, string expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? state = null;
        while (DateTime.UtcNow < deadline)
        {
            state = await _database.ScalarAsync<string>($"SELECT statename FROM hangfire.job WHERE id = {long.Parse(jobId, System.Globalization.CultureInfo.InvariantCulture)}");
            if (state == expected)
            {
                break;
            }
            await Task.Delay(100);
        }
        return state;
    }
}

/// <summary>A job the Hangfire server in the app runs; it signals the waiting test.</summary>
public static class ProbeJob
{
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource<DateTimeOffset>> Signals = new();

    public static void Run(Guid token) => Signal(token).TrySetResult(DateTimeOffset.UtcNow);

    public static async Task<DateTimeOffset> WaitAsync(Guid token, TimeSpan timeout) =>
        await Signal(token).Task.WaitAsync(timeout);

    private static TaskCompletionSource<DateTimeOffset> Signal(Guid token) =>
        Signals.GetOrAdd(token, _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
}

internal static class HealthProbe
{
    /// <summary>Polls /health/ready until an entry reaches a status (the bus connects in the background).</summary>
    public static async Task<JsonElement> WaitForEntryAsync(HttpClient client, string entry, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement report = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            if (response.StatusCode == HttpStatusCode.OK
                && report.GetProperty("entries").TryGetProperty(entry, out var e)
                && e.GetProperty("status").GetString() == status)
            {
                return report;
            }
            await Task.Delay(250);
        }
        Assert.Fail($"/health/ready never reported {entry} = {status}; last report: {report}");
        return report;
    }
}
