using PerfWorkflow.Workflows.Telemetry;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Messaging;

/// <summary>
/// Publishes committed outbox rows through MassTransit (docs/architecture.md §5): woken by <see cref="OutboxSignal"/> after a commit,
/// polling every second otherwise. On PostgreSQL a batch is claimed with FOR UPDATE SKIP LOCKED, so several hosts share
/// the table without publishing a row twice. A failed row backs off exponentially; after MaxAttempts it is dead-lettered.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    private const int MaxErrorLength = 2000;

    private readonly OutboxOptions _options = options.Value;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: 1 s, 2 s, 4 s … capped at <see cref="MaxBackoff"/>.</summary>
    public static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var goAgain = false;
            try
            {
                goAgain = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be away for a while; the loop outlives it and the health checks tell the operator.
                logger.LogWarning(ex, "Outbox dispatch round failed; trying again after {PollInterval}", PollInterval);
            }
            if (!goAgain)
            {
                try
                {
                    await signal.WaitAsync(PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round: claim, publish, delete or reschedule. True when a full batch went out and more may wait.</summary>
    private async Task<bool> DispatchBatchAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var claimsWithLocks = db.Database.IsNpgsql();
        // PostgreSQL: the row locks are the claim and last until the outcome is committed. SQLite has one writer and one
        // dispatcher, so it publishes without holding the write lock.
        await using var transaction = claimsWithLocks ? await db.Database.BeginTransactionAsync(stoppingToken) : null;
        var rows = await ClaimAsync(db, claimsWithLocks, time.GetUtcNow(), stoppingToken);
        if (rows.Count == 0)
        {
            return false;
        }
        var claimed = rows.Count;

        if (_options.KeepUntilConsumed)
        {
            // Embedded profile: each row is marked in flight (and saved) before anything is published.
            var inFlight = new List<OutboxMessage>(rows.Count);
            foreach (var candidate in rows)
            {
                if (await MarkInFlightAsync(db, candidate))
                {
                    inFlight.Add(candidate);
                }
            }
            rows = inFlight;
        }

        // All rows of the batch are published at once: the broker's confirms arrive together instead of one round trip each.
        var outcomes = await Task.WhenAll(rows.Select(row => PublishAsync(row, stoppingToken)));
        var brokerTrouble = false;
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, (outcome, error)) = (rows[i], outcomes[i]);
            if (outcome == PublishOutcome.Published)
            {
                if (!_options.KeepUntilConsumed)
                {
                    db.OutboxMessages.Remove(row);
                }
            }
            else if (!brokerTrouble && outcome is PublishOutcome.Poison or PublishOutcome.BrokerFailed)
            {
                row.LastError = error;
                RecordFailure(db, row);
                // The rows after a broker failure count no attempt: they stay due for the next round, as if never tried.
                brokerTrouble = outcome == PublishOutcome.BrokerFailed;
            }
        }

        // What went out must be recorded even while the host stops, or it would be published again.
        await db.SaveChangesAsync(CancellationToken.None);
        if (transaction is not null)
        {
            await transaction.CommitAsync(CancellationToken.None);
        }
        return !brokerTrouble && claimed == _options.BatchSize;
    }

    /// <summary>
    /// Embedded profile: before the publish, the row is rescheduled for <see cref="OutboxOptions.InFlightTimeout"/> later
    /// and saved, so the consumer (which deletes it when done) never races this context, and a crash before the consumer
    /// finished publishes it again. False when it was published too often already and went to the dead letters instead.
    /// </summary>
    private async Task<bool> MarkInFlightAsync(PerfWorkflowDbContext db, OutboxMessage row)
    {
        if (row.Attempts >= _options.MaxAttempts)
        {
            row.LastError ??= $"Published {row.Attempts} times without its consumer finishing";
            DeadLetter(db, row, time.GetUtcNow());
            return false;
        }
        row.Attempts++;
        row.NextAttemptAt = time.GetUtcNow() + _options.InFlightTimeout;
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(
        PerfWorkflowDbContext db, bool claimsWithLocks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (claimsWithLocks)
        {
            // Raw SQL passes no value converter: PostgreSQL takes only UTC, whatever offset the clock gave.
            now = now.ToUniversalTime();
            return await db.OutboxMessages
                .FromSql($"""
                    SELECT * FROM outbox_messages
                    WHERE "NextAttemptAt" <= {now}
                    ORDER BY "Id"
                    LIMIT {_options.BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
        }
        return await db.OutboxMessages
            .Where(m => m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(_options.BatchSize)
            .ToListAsync(cancellationToken);
    }

    private async Task<(PublishOutcome Outcome, string? Error)> PublishAsync(OutboxMessage row, CancellationToken stoppingToken)
    {
        object? message;
        try
        {
            message = Outbox.Deserialize(row);
        }
        catch (JsonException ex)
        {
            return (PublishOutcome.Poison, $"Payload does not match {row.MessageType}: {ex.Message}");
        }
        if (message is null)
        {
            return (PublishOutcome.Poison, $"Unknown message type {row.MessageType}");
        }

        // Under the trace of the request that wrote the row, so MassTransit carries it to the consumer.
        System.Diagnostics.ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var span = PerfWorkflowTelemetry.Source.StartActivity("outbox.dispatch", System.Diagnostics.ActivityKind.Producer, parent);
        span?.SetTag("perfworkflow.message_type", row.MessageType);
        span?.SetTag("perfworkflow.message_id", row.MessageId);
        PerfWorkflowTelemetry.OutboxLag.Record((time.GetUtcNow() - row.CreatedAt).TotalSeconds);
        using var timeout = new CancellationTokenSource(_options.PublishTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            await bus.Publish(message, message.GetType(), context => context.MessageId = row.MessageId, linked.Token);
            return (PublishOutcome.Published, null);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Not an attempt: the host is stopping, the row stays as it was.
            return (PublishOutcome.NotAttempted, null);
        }
        catch (OperationCanceledException)
        {
            return (PublishOutcome.BrokerFailed, $"The broker did not confirm within {_options.PublishTimeout}");
        }
        catch (Exception ex)
        {
            return (PublishOutcome.BrokerFailed, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private void RecordFailure(PerfWorkflowDbContext db, OutboxMessage row)
    {
        var now = time.GetUtcNow();
        if (!_options.KeepUntilConsumed)
        {
            // With KeepUntilConsumed the attempt was counted when the row was marked in flight.
            row.Attempts++;
        }
        if (row.LastError is { Length: > MaxErrorLength } error)
        {
            row.LastError = error[..MaxErrorLength];
        }
        if (row.Attempts < _options.MaxAttempts)
        {
            row.NextAttemptAt = now + Backoff(row.Attempts);
            logger.LogInformation("Outbox message {MessageId} ({MessageType}) failed attempt {Attempts}: {Error}",
                row.MessageId, row.MessageType, row.Attempts, row.LastError);
            return;
        }
        DeadLetter(db, row, now);
    }

    private void DeadLetter(PerfWorkflowDbContext db, OutboxMessage row, DateTimeOffset now)
    {
        db.OutboxMessages.Remove(row);
        db.DeadLetterMessages.Add(new DeadLetterMessage
        {
            MessageId = row.MessageId,
            MessageType = row.MessageType,
            Payload = row.Payload,
            CreatedAt = row.CreatedAt,
            FailedAt = now,
            Attempts = row.Attempts,
            Error = row.LastError ?? "",
        });
        logger.LogWarning("Outbox message {MessageId} ({MessageType}) dead-lettered after {Attempts} attempts: {Error}",
            row.MessageId, row.MessageType, row.Attempts, row.LastError);
    }

    private enum PublishOutcome
    {
        Published,
        NotAttempted,
        Poison,
        BrokerFailed,
    }
}
