using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Contracts;

// Events published through the outbox (docs/architecture.md §5). Past tense, positional, ids only where the consumer can load the
// rest; EventId is the idempotency key of every delivery made because of the event.

/// <summary>
/// An event published through the outbox. Its <see cref="EventId"/> is the one identity of the event: the outbox row's
/// MessageId, the bus message id and the key of every delivery log row the event causes.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }
}

/// <summary>A 科室 submitted (or resubmitted) a declaration to the office.</summary>
/// <param name="Comment">The drafter's 修改说明 (or 提交说明) written with the submission; null when none.</param>
public sealed record DeclarationSubmitted(Guid EventId, Guid DeclarationId, int Version, int? PreviousSubmittedVersion, Guid ActorId, DateTimeOffset At, string? Comment = null) : IIntegrationEvent;

/// <summary>A reviewer returned a declaration (office → 科室, bureau → office or 科室).</summary>
public sealed record DeclarationReturned(Guid EventId, Guid DeclarationId, int Version, string FromStage, string ToStage, Guid ActorId, string? Comment, DateTimeOffset At) : IIntegrationEvent;

/// <summary>The office accepted a declaration into the bureau's package (纳入汇总).</summary>
public sealed record DeclarationAccepted(Guid EventId, Guid DeclarationId, int Version, Guid ActorId, DateTimeOffset At) : IIntegrationEvent;

/// <summary>
/// A task was opened for a candidate group (<paramref name="AssigneeId"/> null) or assigned (incl. 转办) to the person
/// <paramref name="AssigneeId"/>. The assignee is the one of this event, not whoever holds the task when it is consumed:
/// a group task reassigned before its event is consumed must not mail the later assignee twice.
/// </summary>
public sealed record TaskAssigned(Guid EventId, Guid TaskId, Guid? DeclarationId, int? CycleYear, DateTimeOffset At, Guid? AssigneeId) : IIntegrationEvent;

/// <summary>催办: the office asks whoever holds the task of a declaration to act now, with an optional comment.</summary>
public sealed record TaskUrged(Guid EventId, Guid TaskId, Guid DeclarationId, Guid ActorId, string? Comment, DateTimeOffset At) : IIntegrationEvent;

/// <summary>Reminder: a task is due in <paramref name="WorkingDaysLeft"/> working days (3, 1 or 0).</summary>
public sealed record TaskDueSoon(Guid EventId, Guid TaskId, DateOnly Day, int WorkingDaysLeft) : IIntegrationEvent
{
    /// <summary>Recipients who get this reminder in their digest of the day instead; null when none.</summary>
    public IReadOnlyList<Guid>? DigestedRecipientIds { get; init; }
}

/// <summary>Reminder: a task is overdue by <paramref name="WorkingDaysOverdue"/> working days (daily).</summary>
public sealed record TaskOverdue(Guid EventId, Guid TaskId, DateOnly Day, int WorkingDaysOverdue) : IIntegrationEvent
{
    /// <summary>Recipients who get this reminder in their digest of the day instead; null when none.</summary>
    public IReadOnlyList<Guid>? DigestedRecipientIds { get; init; }
}

/// <summary>A task is a working day overdue: the 科室负责人 and the office are told.</summary>
public sealed record TaskEscalated(Guid EventId, Guid TaskId, DateOnly Day, int WorkingDaysOverdue) : IIntegrationEvent
{
    /// <summary>Recipients who get this reminder in their digest of the day instead; null when none.</summary>
    public IReadOnlyList<Guid>? DigestedRecipientIds { get; init; }
}

/// <summary>One open task whose due time a calendar change moved: before and after.</summary>
public sealed record MovedDueDate(Guid TaskId, DateTimeOffset PreviousDueAt, DateTimeOffset DueAt);

/// <summary>
/// The working-day calendar changed (an admin's edit, or a year file reloaded with other days) and moved the due dates of
/// these open tasks, all held by one person or one candidate group; <paramref name="Reason"/> says what changed
/// ("2026-12-17（星期四）设为节假日（临时放假）"). Each holder is mailed once, with the list.
/// </summary>
public sealed record TaskDeadlinesMoved(Guid EventId, DateTimeOffset At, string Reason, IReadOnlyList<MovedDueDate> Items) : IIntegrationEvent;

/// <summary>The office sent the bureau's package to bureau review.</summary>
public sealed record PackageSubmittedForReview(Guid EventId, int CycleYear, Guid ActorId, DateTimeOffset At) : IIntegrationEvent;

/// <summary>Bureau leaders approved the package.</summary>
public sealed record PackageApproved(Guid EventId, int CycleYear, Guid ActorId, DateTimeOffset At) : IIntegrationEvent;

/// <summary>The office submitted the package to 区财政局; its snapshot is frozen.</summary>
public sealed record PackageSubmittedToFinance(Guid EventId, int CycleYear, Guid ActorId, DateTimeOffset At) : IIntegrationEvent;

/// <summary>区财政局 accepted the whole package (审核通过): the cycle is finished.</summary>
public sealed record PackageAccepted(Guid EventId, int CycleYear, Guid ActorId, DateTimeOffset At) : IIntegrationEvent;

/// <summary>区财政局 returned one declaration; the rest of the package stays locked.</summary>
public sealed record FinanceReturned(Guid EventId, int CycleYear, Guid DeclarationId, int Version, Guid ActorId, string? Comment, DateTimeOffset At) : IIntegrationEvent;

/// <summary>One reminder listed in a digest: the task, which reminder, and working days left (negative when overdue).</summary>
public sealed record DigestItem(Guid TaskId, ReminderKind Kind, int WorkingDaysLeft);

/// <summary>
/// A recipient had more reminders of <paramref name="Kind"/> today than single mails should bring: one digest lists them.
/// The per-task events of the same reminders name this recipient in their DigestedRecipientIds.
/// </summary>
public sealed record TaskRemindersDigested(Guid EventId, Guid RecipientId, DateOnly Day, DigestKind Kind, IReadOnlyList<DigestItem> Items) : IIntegrationEvent;

/// <summary>
/// The 【待审核】 notices held for one office user are due (hourly or daily digest, docs/architecture.md §5): the items
/// of <c>review_digest_items</c> claimed under this event id go out in one mail.
/// </summary>
public sealed record OfficeReviewsDigested(Guid EventId, Guid RecipientId, DateTimeOffset At) : IIntegrationEvent;
