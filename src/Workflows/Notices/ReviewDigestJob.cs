using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Workflows.Notices;

/// <summary>
/// The recurring job of the 【待审核】 digests (every minute, like the reminder sweep; docs/architecture.md §5): for each
/// office user with held notices that are due, claims them under a new event id and writes one
/// <see cref="OfficeReviewsDigested"/> to the outbox, in one transaction. The claim guards on "not yet claimed", so two
/// hosts never claim the same item; the consumer then sends the mail and only then marks the items sent, so a crash at
/// any point leaves the items to a redelivery (same event id, same delivery log row) rather than losing them.
/// </summary>
public sealed class ReviewDigestJob(PerfWorkflowDbContext db, TimeProvider clock, IOutboxWakeUp? outboxWakeUp = null)
{
    /// <summary>Runs once; returns the number of digests published by this call.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        var recipients = await db.ReviewDigestItems.AsNoTracking()
            .Where(i => i.DigestEventId == null && i.DueAt <= now)
            .Select(i => i.RecipientId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var published = 0;
        foreach (var recipient in recipients)
        {
            var eventId = Guid.NewGuid();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Everything of this user that is due goes into one digest: one mail per user and period.
            var claimed = await db.ReviewDigestItems
                .Where(i => i.RecipientId == recipient && i.DigestEventId == null && i.DueAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.DigestEventId, eventId), cancellationToken);
            if (claimed == 0)
            {
                // Another host claimed them first.
                await transaction.CommitAsync(cancellationToken);
                continue;
            }
            db.OutboxMessages.Add(Outbox.NewRow(new OfficeReviewsDigested(eventId, recipient, now), now));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            published++;
        }
        if (published > 0)
        {
            outboxWakeUp?.RowsCommitted();
        }
        return published;
    }
}
