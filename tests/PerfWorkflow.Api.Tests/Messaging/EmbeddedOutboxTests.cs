using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Tests.Messaging;

/// <summary>The outbox in the embedded profile: SQLite without row locks, the in-memory bus.</summary>
public sealed class EmbeddedOutboxTests : IAsyncLifetime
{
    private readonly EmbeddedApp _app = new();
    private readonly ConcurrentQueue<Guid> _received = new();
    private HttpClient _client = null!;
    private HostReceiveEndpointHandle _handle = null!;

    public async Task InitializeAsync()
    {
        _client = _app.CreateClient();
        using (var login = await _client.PostAsync(
                   new Uri("/api/auth/login", UriKind.Relative),
                   System.Net.Http.Json.JsonContent.Create(new { userName = "admin", password = "Demo#2024" })))
        {
            login.EnsureSuccessStatusCode();
        }
        _handle = _app.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint($"embedded-outbox-{Guid.NewGuid():N}", e =>
            e.Handler<DeclarationAccepted>(context =>
            {
                _received.Enqueue(context.MessageId ?? Guid.Empty);
                return Task.CompletedTask;
            }));
        await _handle.Ready.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await _handle.StopAsync();
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task CommittedRow_IsPublished_OnceAndRemoved()
    {
        var id = Guid.NewGuid();
        await WithDbAsync(db =>
        {
            var now = DateTimeOffset.UtcNow;
            Outbox.Add(db, new DeclarationAccepted(id, Guid.NewGuid(), 1, Guid.NewGuid(), now), now);
            return db.SaveChangesAsync();
        });

        await WaitForAsync(id);

        Assert.Single(_received, r => r == id);
        // The in-memory bus forgets what a crash interrupts, so the row goes only once its consumer finished.
        var left = -1;
        for (var i = 0; i < 100 && left != 0; i++)
        {
            await WithDbAsync(async db => left = await db.OutboxMessages.CountAsync());
            await Task.Delay(left == 0 ? 0 : 100);
        }
        Assert.Equal(0, left);
        using var ready = await _client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var outbox = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("entries").GetProperty("outbox");
        Assert.Equal("Healthy", outbox.GetProperty("status").GetString());
    }

    [Fact]
    public async Task DeadLetterReplay_PublishesTheMessage_AndEmptiesTheDeadLetters()
    {
        var id = Guid.NewGuid();
        var letter = new DeadLetterMessage
        {
            MessageId = id,
            MessageType = typeof(DeclarationAccepted).FullName!,
            Payload = JsonSerializer.Serialize(
                new DeclarationAccepted(id, Guid.NewGuid(), 3, Guid.NewGuid(), DateTimeOffset.UtcNow),
                PerfWorkflow.Workflows.Declarations.DeclarationJson.Options),
            CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-30),
            FailedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            Attempts = 20,
            Error = "test",
        };
        await WithDbAsync(db =>
        {
            db.DeadLetterMessages.Add(letter);
            return db.SaveChangesAsync();
        });

        using var replay = await _client.PostAsync(new Uri($"/api/admin/dead-letters/{letter.Id}/replay", UriKind.Relative), System.Net.Http.Json.JsonContent.Create(new { }));
        await WaitForAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, replay.StatusCode);
        Assert.Single(_received, r => r == id);
        await WithDbAsync(async db => Assert.Equal(0, await db.DeadLetterMessages.CountAsync()));
    }

    private async Task WithDbAsync(Func<PerfWorkflowDbContext, Task> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>());
    }

    /// <summary>Waits for the delivery, then half a second more so that a second delivery would show.</summary>
    private async Task WaitForAsync(Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!_received.Contains(id))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Message {id} was not delivered within 15 s.");
            await Task.Delay(50);
        }
        await Task.Delay(500);
    }
}
