using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Tasks;

/// <summary>
/// A reminder that was sent for a task. The unique key (task, kind, day) makes each reminder fire exactly once across
/// hosts and restarts: the row and its outbox event commit together, and a second insert is refused.
/// </summary>
public sealed class TaskReminder
{
    public long Id { get; set; }

    public Guid TaskId { get; set; }

    public ReminderKind Kind { get; set; }

    /// <summary>The reminder's day in China (the escalation's is the first overdue working day).</summary>
    public DateOnly Day { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The outbox message (and event id) the reminder was published as; no message when it went only into digests.</summary>
    public Guid EventId { get; set; }
}
