using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Maintenance;

/// <summary>What one clean-up removed, table by table.</summary>
public sealed record RetentionResult(int IdempotencyRecords, int MailDeliveries, int TaskReminders, int ReminderDigests)
{
    /// <summary>【待审核】 digest items sent (or dropped) longer ago than the delivery log is kept.</summary>
    public int ReviewDigestItems { get; init; }

    public int Total => IdempotencyRecords + MailDeliveries + TaskReminders + ReminderDigests + ReviewDigestItems;
}

/// <summary>
/// The nightly clean-up (Hangfire, recurring): deletes idempotency records, finished delivery-log rows, the reminder
/// rows of long-closed tasks and past days' digest rows once they are older than <see cref="RetentionOptions"/>. Each table is emptied in batches of
/// <see cref="RetentionOptions.BatchSize"/> rows, each its own short statement; running it twice, or on two hosts at
/// once, deletes nothing twice and breaks nothing.
/// </summary>
public sealed partial class RetentionJob(
    PerfWorkflowDbContext db,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionJob> logger)
{
    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value;
        var now = clock.GetUtcNow();

        var idempotencyBefore = now - retention.IdempotencyRecords;
        var idempotency = await DeleteInBatchesAsync(
            batch => db.IdempotencyRecords
                .Where(r => r.CreatedAt < idempotencyBefore)
                .OrderBy(r => r.CreatedAt)
                .Take(batch)
                .ExecuteDeleteAsync(cancellationToken),
            cancellationToken);

        var deliveriesBefore = now - retention.MailDeliveries;
        var deliveries = await DeleteInBatchesAsync(
            batch => db.MailDeliveries
                .Where(d => d.Status != MailDeliveryStatus.Pending && d.CreatedAt < deliveriesBefore)
                .OrderBy(d => d.Id)
                .Take(batch)
                .ExecuteDeleteAsync(cancellationToken),
            cancellationToken);

        var closedBefore = now - retention.ClosedTaskReminders;
        var reminders = await DeleteInBatchesAsync(
            batch => db.TaskReminders
                .Where(r => db.Tasks.Any(t => t.Id == r.TaskId && t.CompletedAt != null && t.CompletedAt < closedBefore))
                .OrderBy(r => r.Id)
                .Take(batch)
                .ExecuteDeleteAsync(cancellationToken),
            cancellationToken);

        // A digest row only guards its own day against a second digest; past days' rows guard nothing.
        var digestsBefore = DateOnly.FromDateTime(ChinaTime.ToChina(closedBefore).DateTime);
        var digests = await DeleteInBatchesAsync(
            batch => db.ReminderDigests
                .Where(d => d.Day < digestsBefore)
                .OrderBy(d => d.Id)
                .Take(batch)
                .ExecuteDeleteAsync(cancellationToken),
            cancellationToken);

        // A held 【待审核】 notice is bookkeeping of its mail once sent: it goes with the delivery log; waiting ones never.
        var reviewItems = await DeleteInBatchesAsync(
            batch => db.ReviewDigestItems
                .Where(i => i.SentAt != null && i.SentAt < deliveriesBefore)
                .OrderBy(i => i.Id)
                .Take(batch)
                .ExecuteDeleteAsync(cancellationToken),
            cancellationToken);

        var result = new RetentionResult(idempotency, deliveries, reminders, digests) { ReviewDigestItems = reviewItems };
        LogResult(result.IdempotencyRecords, result.MailDeliveries, result.TaskReminders, result.ReminderDigests, result.ReviewDigestItems);
        return result;
    }

    private async Task<int> DeleteInBatchesAsync(Func<int, Task<int>> deleteBatch, CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        var total = 0;
        int deleted;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            deleted = await deleteBatch(batchSize);
            total += deleted;
        }
        while (deleted == batchSize);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention clean-up deleted {IdempotencyRecords} idempotency records, {MailDeliveries} delivery-log rows, {TaskReminders} reminders of closed tasks, {ReminderDigests} past digests and {ReviewDigestItems} sent review digest items")]
    private partial void LogResult(int idempotencyRecords, int mailDeliveries, int taskReminders, int reminderDigests, int reviewDigestItems);
}
