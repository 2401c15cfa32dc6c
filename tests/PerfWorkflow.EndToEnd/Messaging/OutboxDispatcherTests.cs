using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Api.Messaging;
using PerfWorkflow.EndToEnd.Hosting;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.EndToEnd.Messaging;

/// <summary>The outbox dispatcher on the real PostgreSQL and RabbitMQ: delivery, two hosts, a broker outage, poison rows.</summary>
public sealed class OutboxDispatcherTests : IAsyncLifetime
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    private readonly List<ProductionApp> _apps = [];
    private readonly List<HttpClient> _clients = [];
    private TestDatabase _database = null!;
    private SmtpTestServer _smtp = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _smtp = SmtpTestServer.Start();
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task CommittedRows_ArePublished_AndConsumedExactlyOnce()
    {
        var (app, _) = await StartAppAsync();
        await using var recorder = await DeliveryRecorder.ConnectAsync(app.Services);
        var declarationId = Guid.NewGuid();

        var ids = await WriteAcceptedAsync(app, 3, declarationId);
        await recorder.WaitForAllAsync(ids, DeliveryTimeout);

        Assert.All(ids, id => Assert.Equal(1, recorder.CountOf(id)));
        var first = recorder.Deliveries.Single(d => d.MessageId == ids[0]).Message;
        Assert.Equal(declarationId, first.DeclarationId);
        Assert.Equal(ids[0], first.EventId);
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task TwoHosts_OnOneDatabase_PublishEveryRowExactlyOnce()
    {
        var batch = new Dictionary<string, string?> { ["Outbox:BatchSize"] = "5" };
        var (first, _) = await StartAppAsync(batch);
        var (second, _) = await StartAppAsync(batch);
        await using var recorder = await DeliveryRecorder.ConnectAsync(first.Services);

        // Both hosts are woken at once by their own commits, so both dispatchers work the same 200 rows.
        var written = await Task.WhenAll(WriteAcceptedAsync(first, 100), WriteAcceptedAsync(second, 100));
        var ids = written.SelectMany(w => w).ToList();
        await recorder.WaitForAllAsync(ids, DeliveryTimeout);

        Assert.Equal(200, recorder.Deliveries.Count);
        Assert.All(ids, id => Assert.Equal(1, recorder.CountOf(id)));
        Assert.Equal(2, recorder.Deliveries.Select(d => d.SourceAddress).Distinct().Count());
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task BrokerOutage_DuringABurst_KeepsRows_ThenDeliversEachOnce()
    {
        var (app, client) = await StartAppAsync(new Dictionary<string, string?>
        {
            ["Outbox:PublishTimeout"] = "00:00:02",
            ["Outbox:BacklogDegradedAfter"] = "00:00:02",
        });
        await using var recorder = await DeliveryRecorder.ConnectAsync(app.Services);
        var beforeOutage = await WriteAcceptedAsync(app, 40);
        await recorder.WaitForAllAsync(beforeOutage, DeliveryTimeout);

        List<Guid> duringOutage;
        await RabbitMqBroker.StopAsync();
        try
        {
            duringOutage = [];
            for (var i = 0; i < 6; i++)
            {
                duringOutage.AddRange(await WriteAcceptedAsync(app, 10));
                await Task.Delay(200);
            }
            var report = await HealthProbe.WaitForEntryAsync(client, "outbox", "Degraded", TimeSpan.FromSeconds(30));
            Assert.Equal("Healthy", report.GetProperty("entries").GetProperty("database").GetProperty("status").GetString());
            Assert.True(await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages") > 0);
        }
        finally
        {
            await RabbitMqBroker.StartAsync();
        }
        await recorder.WaitForAllAsync(duringOutage, TimeSpan.FromSeconds(120));

        var all = beforeOutage.Concat(duringOutage).ToList();
        Assert.Equal(100, recorder.Deliveries.Count);
        Assert.All(all, id => Assert.Equal(1, recorder.CountOf(id)));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM dead_letter_messages"));
        await HealthProbe.WaitForEntryAsync(client, "outbox", "Healthy", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PoisonRow_IsDeadLettered_AfterMaxAttempts_AndReplayMovesItBack()
    {
        var (app, client) = await StartAppAsync(new Dictionary<string, string?> { ["Outbox:MaxAttempts"] = "3" });
        var messageId = Guid.NewGuid();
        await WithDbAsync(app, db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.OutboxMessages.Add(new OutboxMessage
            {
                MessageId = messageId,
                MessageType = "PerfWorkflow.Workflows.Contracts.NoSuchEvent",
                Payload = "{}",
                CreatedAt = now,
                NextAttemptAt = now,
            });
            return db.SaveChangesAsync();
        });

        var letter = await WaitForDeadLetterAsync(app, messageId, TimeSpan.FromSeconds(30));
        Assert.Equal(3, letter.Attempts);
        Assert.Contains("NoSuchEvent", letter.Error, StringComparison.Ordinal);
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"));
        var listed = await client.GetFromJsonAsync<List<DeadLetterView>>(new Uri("/api/admin/dead-letters", UriKind.Relative), JsonSerializerOptions.Web);
        Assert.Equal(messageId, Assert.Single(listed!).MessageId);

        using var replay = await client.PostAsync(new Uri($"/api/admin/dead-letters/{letter.Id}/replay", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM dead_letter_messages"));
        Assert.Equal(1L, await _database.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE \"MessageId\" = '{messageId}'"));
        // The replayed row gets a fresh set of attempts before it is parked again.
        var again = await WaitForDeadLetterAsync(app, messageId, TimeSpan.FromSeconds(30));
        Assert.Equal(3, again.Attempts);
    }

    [Fact]
    public async Task Replay_OfADeadLetteredEvent_DeliversItOnce_AndASecondReplayFindsNothing()
    {
        var (app, client) = await StartAppAsync();
        await using var recorder = await DeliveryRecorder.ConnectAsync(app.Services);
        var messageId = Guid.NewGuid();
        var letter = new DeadLetterMessage
        {
            MessageId = messageId,
            MessageType = typeof(DeclarationAccepted).FullName!,
            Payload = JsonSerializer.Serialize(
                new DeclarationAccepted(messageId, Guid.NewGuid(), 2, Guid.NewGuid(), DateTimeOffset.UtcNow),
                PerfWorkflow.Workflows.Declarations.DeclarationJson.Options),
            CreatedAt = DateTimeOffset.UtcNow.AddHours(-2),
            FailedAt = DateTimeOffset.UtcNow.AddHours(-1),
            Attempts = 20,
            Error = "The broker did not confirm within 00:00:10",
        };
        await WithDbAsync(app, db =>
        {
            db.DeadLetterMessages.Add(letter);
            return db.SaveChangesAsync();
        });

        using var replay = await client.PostAsync(new Uri($"/api/admin/dead-letters/{letter.Id}/replay", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { }));
        await recorder.WaitForAllAsync([messageId], DeliveryTimeout);
        using var secondReplay = await client.PostAsync(new Uri($"/api/admin/dead-letters/{letter.Id}/replay", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        Assert.Equal(1, recorder.CountOf(messageId));
        Assert.Equal(HttpStatusCode.NotFound, secondReplay.StatusCode);
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM dead_letter_messages"));
    }

    /// <summary>Starts a host on this test's database and waits until its bus is connected.</summary>
    private async Task<(ProductionApp App, HttpClient Client)> StartAppAsync(IDictionary<string, string?>? overrides = null)
    {
        var app = new ProductionApp(_database, _smtp, overrides);
        _apps.Add(app);
        var client = await app.CreateAdminClientAsync();
        _clients.Add(client);
        await HealthProbe.WaitForEntryAsync(client, "bus", "Healthy", TimeSpan.FromSeconds(30));
        return (app, client);
    }

    /// <summary>Writes <paramref name="count"/> events in one unit of work, as a workflow action does.</summary>
    private static async Task<List<Guid>> WriteAcceptedAsync(ProductionApp app, int count, Guid? declarationId = null)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        await WithDbAsync(app, db =>
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var id in ids)
            {
                Outbox.Add(db, new DeclarationAccepted(id, declarationId ?? Guid.NewGuid(), 1, Guid.NewGuid(), now), now);
            }
            return db.SaveChangesAsync();
        });
        return ids;
    }

    private static async Task WithDbAsync(ProductionApp app, Func<PerfWorkflowDbContext, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>());
    }

    private static async Task<DeadLetterMessage> WaitForDeadLetterAsync(ProductionApp app, Guid messageId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
            if (await db.DeadLetterMessages.AsNoTracking().FirstOrDefaultAsync(m => m.MessageId == messageId) is { } letter)
            {
                return letter;
            }
            await Task.Delay(200);
        }
        Assert.Fail($"Message {messageId} was not dead-lettered within {timeout}.");
        return null!;
    }
}
