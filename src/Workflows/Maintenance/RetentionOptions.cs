using System.ComponentModel.DataAnnotations;

namespace PerfWorkflow.Workflows.Maintenance;

/// <summary>
/// How long the bookkeeping rows that only serve retries are kept (section "Retention"). The record of the work itself —
/// declarations, versions, audit events, tasks — is never pruned.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// First answers to POSTs with an Idempotency-Key, and used email action links (ADR 003). Must outlive an action
    /// link, or a used link could be used again until its expiry; start-up checks this against ActionLinks:Lifetime.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan IdempotencyRecords { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Delivery-log rows of emails that were sent or refused for good; pending ones are never pruned.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan MailDeliveries { get; set; } = TimeSpan.FromDays(180);

    /// <summary>
    /// Reminder rows of tasks completed this long ago (an open task's rows keep it from being reminded twice), and digest
    /// rows of days this long ago.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan ClosedTaskReminders { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Rows deleted per statement, so that a large first clean-up never holds long locks.</summary>
    [Range(100, 1_000_000)]
    public int BatchSize { get; set; } = 5000;
}
