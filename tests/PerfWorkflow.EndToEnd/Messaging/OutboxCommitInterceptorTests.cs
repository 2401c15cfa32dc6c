using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Messaging;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.EndToEnd.Messaging;

/// <summary>The dispatcher is woken exactly when outbox rows become visible to it: after the commit, not before.</summary>
public sealed class OutboxCommitInterceptorTests : MigratedDatabaseTest
{
    private static readonly TimeSpan NoPulseWait = TimeSpan.FromMilliseconds(300);

    private readonly OutboxSignal _signal = new();

    [Fact]
    public async Task SaveChanges_PulsesTheSignal_WhenOutboxRowsWereAdded()
    {
        await using var db = NewContext();
        AddEvent(db);

        await db.SaveChangesAsync();

        Assert.True(await _signal.WaitAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public async Task SaveChanges_DoesNotPulse_WhenNoOutboxRowWasAdded()
    {
        await using var db = NewContext();
        db.DeadLetterMessages.Add(new DeadLetterMessage { MessageId = Guid.NewGuid(), MessageType = "x", Payload = "{}" });

        await db.SaveChangesAsync();

        Assert.False(await _signal.WaitAsync(NoPulseWait, TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public async Task SaveChanges_InsideATransaction_PulsesOnlyAfterTheCommit()
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        AddEvent(db);

        await db.SaveChangesAsync();
        var pulsedBeforeCommit = await _signal.WaitAsync(NoPulseWait, TimeProvider.System, CancellationToken.None);
        await transaction.CommitAsync();

        Assert.False(pulsedBeforeCommit);
        Assert.True(await _signal.WaitAsync(TimeSpan.Zero, TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public async Task RolledBackTransaction_DoesNotPulse()
    {
        await using var db = NewContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        AddEvent(db);

        await db.SaveChangesAsync();
        await transaction.RollbackAsync();

        Assert.False(await _signal.WaitAsync(NoPulseWait, TimeProvider.System, CancellationToken.None));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Signal_WaitsForThePollInterval_WhenNothingPulses()
    {
        var started = TimeProvider.System.GetTimestamp();

        var pulsed = await _signal.WaitAsync(TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None);

        Assert.False(pulsed);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(180));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(40, 300)]
    public void Backoff_DoublesFromOneSecond_CappedAtFiveMinutes(int attempts, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), OutboxDispatcher.Backoff(attempts));

    private PerfWorkflowDbContext NewContext() => Database.NewContext(new OutboxCommitInterceptor(_signal));

    private static void AddEvent(PerfWorkflowDbContext db)
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        Outbox.Add(db, new DeclarationAccepted(id, Guid.NewGuid(), 1, Guid.NewGuid(), now), now);
    }
}
