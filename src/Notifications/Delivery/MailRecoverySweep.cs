using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>
/// Re-drives emails a crash left behind (docs/adr/007-crash-safe-mail-delivery.md): a Pending delivery log row whose
/// claim lapsed more than <see cref="MailDeliveryOptions.RedriveAfter"/> ago (a consumer died, or its message faulted
/// after every retry) has its event written to the outbox again under the same event id. The consumer then sends what
/// is still due; the delivery log keeps what was sent from going twice. Every node runs the sweep: a row is re-driven by
/// whichever sweep moves its lapsed claim first.
/// </summary>
public sealed class MailRecoverySweep(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<MailDeliveryOptions> options,
    ILogger<MailRecoverySweep> logger) : BackgroundService
{
    private const int BatchSize = 100;

    private readonly MailDeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.SweepInterval, time, stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be away for a while; the next round tries again.
                logger.LogWarning(ex, "Mail recovery sweep failed; trying again after {Interval}", _options.SweepInterval);
            }
        }
    }

    /// <summary>One round; returns the number of events re-driven.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var now = time.GetUtcNow();
        var cutoff = now - _options.RedriveAfter;
        var stale = await Stale(db, cutoff)
            .Select(d => new { d.EventId, d.EventType, d.EventPayload })
            .Distinct()
            .OrderBy(d => d.EventId)
            .Take(BatchSize)
            .ToListAsync(ct);
        var redriven = 0;
        foreach (var row in stale)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Moving the lapsed claims to "now" is the sweep's own claim: another node's sweep finds none left to move,
            // and a consumer may claim them again at once.
            var moved = await Stale(db, cutoff).Where(d => d.EventId == row.EventId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, now), ct);
            if (moved == 0 || await db.OutboxMessages.AnyAsync(m => m.MessageId == row.EventId, ct))
            {
                await transaction.CommitAsync(ct);
                continue;
            }
            db.OutboxMessages.Add(Outbox.NewRow(row.EventId, row.EventType!, row.EventPayload!, now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            redriven++;
            logger.LogInformation("Re-driving event {EventId} ({EventType}): {Count} email(s) left Pending", row.EventId, row.EventType, moved);
        }
        return redriven;
    }

    private static IQueryable<MailDelivery> Stale(PerfWorkflowDbContext db, DateTimeOffset cutoff) =>
        db.MailDeliveries.Where(d =>
            d.Status == MailDeliveryStatus.Pending
            && d.EventType != null && d.EventPayload != null
            && (d.LeaseUntil < cutoff || (d.LeaseUntil == null && d.CreatedAt < cutoff)));
}
