using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace PerfWorkflow.Workflows.Tasks;

/// <summary>What a daily digest gathers: the holders' due-soon and overdue reminders, or the escalations to heads and office.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DigestKind>))]
public enum DigestKind
{
    /// <summary>T-3, T-1, T-0 and daily overdue reminders to whoever holds the tasks.</summary>
    [JsonStringEnumMemberName("reminders")] Reminders,

    /// <summary>Escalations to the 科室负责人 and the office.</summary>
    [JsonStringEnumMemberName("escalations")] Escalations,
}

/// <summary>
/// One digest mail a recipient got instead of single reminders on a day. The unique key (recipient, day, kind) makes it
/// go out once across hosts and restarts; the per-task <see cref="TaskReminder"/> rows it covers are recorded as usual.
/// </summary>
public sealed class ReminderDigest
{
    public long Id { get; set; }

    public Guid RecipientId { get; set; }

    /// <summary>The working day (China) of the sweep that made it.</summary>
    public DateOnly Day { get; set; }

    public DigestKind Kind { get; set; }

    /// <summary>How many reminders it lists.</summary>
    public int ItemCount { get; set; }

    /// <summary>The outbox message (and event id) the digest was published as.</summary>
    public Guid EventId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Settings section "Reminders" of the reminder sweep.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>
    /// A recipient who would get more than this many reminders of one kind from one sweep gets one digest mail instead.
    /// </summary>
    [Range(1, 100_000)]
    public int DigestThreshold { get; set; } = 3;
}
