namespace PerfWorkflow.Workflows.Tasks;

/// <summary>
/// A 催办 the office sent to whoever holds a declaration's open task. The unique key (declaration, holder, day) allows one
/// per holder and declaration per day in China, across hosts; a 转办 to someone else opens a new holder key.
/// </summary>
public sealed class TaskUrge
{
    public long Id { get; set; }

    public Guid DeclarationId { get; set; }

    public Guid TaskId { get; set; }

    /// <summary>The assignee's id, or the candidate group as "Role:科室" while nobody has claimed the task.</summary>
    public string HolderKey { get; set; } = "";

    public DateOnly Day { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid ById { get; set; }

    /// <summary>The outbox event that carries the mail.</summary>
    public Guid EventId { get; set; }

    public static string HolderKeyOf(WorkTask task) =>
        task.AssigneeId is { } assignee ? assignee.ToString() : $"{task.CandidateRole}:{task.CandidateSectionId}";
}
