using MassTransit;
using PerfWorkflow.Notifications.Delivery;
using PerfWorkflow.Workflows.Contracts;

namespace PerfWorkflow.Notifications.Consumers;

/// <summary>A task handed to a person (转办) → that person.</summary>
public sealed class TaskAssignedConsumer(TaskMails mails) : IConsumer<TaskAssigned>
{
    public Task Consume(ConsumeContext<TaskAssigned> context) =>
        mails.SendAsync(
            new(nameof(TaskAssigned), context.Message.EventId, context.Message.TaskId, context.Message.At, WorkingDaysLeft: null)
            {
                AssigneeId = context.Message.AssigneeId,
            },
            TaskAudience.Assignment,
            context.CancellationToken);
}

/// <summary>T-3, T-1, T-0 → the assignee or the candidate group.</summary>
public sealed class TaskDueSoonConsumer(TaskMails mails) : IConsumer<TaskDueSoon>
{
    public Task Consume(ConsumeContext<TaskDueSoon> context) =>
        mails.RemindAsync(nameof(TaskDueSoon), context.Message.EventId, context.Message.TaskId, context.Message.WorkingDaysLeft, TaskAudience.Holders, context.Message.DigestedRecipientIds, context.CancellationToken);
}

/// <summary>Daily while overdue → the assignee or the candidate group.</summary>
public sealed class TaskOverdueConsumer(TaskMails mails) : IConsumer<TaskOverdue>
{
    public Task Consume(ConsumeContext<TaskOverdue> context) =>
        mails.RemindAsync(nameof(TaskOverdue), context.Message.EventId, context.Message.TaskId, -context.Message.WorkingDaysOverdue, TaskAudience.Holders, context.Message.DigestedRecipientIds, context.CancellationToken);
}

/// <summary>A working day overdue → the 科室负责人 of the declaration's 科室 and the office.</summary>
public sealed class TaskEscalatedConsumer(TaskMails mails) : IConsumer<TaskEscalated>
{
    public Task Consume(ConsumeContext<TaskEscalated> context) =>
        mails.RemindAsync(nameof(TaskEscalated), context.Message.EventId, context.Message.TaskId, -context.Message.WorkingDaysOverdue, TaskAudience.Escalation, context.Message.DigestedRecipientIds, context.CancellationToken);
}

/// <summary>催办 from the office → whoever holds the task now (the assignee, or the candidate group).</summary>
public sealed class TaskUrgedConsumer(TaskMails mails) : IConsumer<TaskUrged>
{
    public Task Consume(ConsumeContext<TaskUrged> context) =>
        mails.SendAsync(
            new(nameof(TaskUrged), context.Message.EventId, context.Message.TaskId, context.Message.At, WorkingDaysLeft: null)
            {
                UrgedById = context.Message.ActorId,
                Note = context.Message.Comment,
            },
            TaskAudience.Holders,
            context.CancellationToken);
}

/// <summary>The day's digest of one recipient's reminders or escalations → that recipient, one mail.</summary>
public sealed class TaskRemindersDigestedConsumer(DigestMails mails) : IConsumer<TaskRemindersDigested>
{
    public Task Consume(ConsumeContext<TaskRemindersDigested> context) => mails.SendAsync(context.Message, context.CancellationToken);
}

/// <summary>A calendar change moved due dates → each holder of the moved tasks, one mail with the list.</summary>
public sealed class TaskDeadlinesMovedConsumer(DeadlineMails mails) : IConsumer<TaskDeadlinesMoved>
{
    public Task Consume(ConsumeContext<TaskDeadlinesMoved> context) => mails.SendAsync(context.Message, context.CancellationToken);
}

/// <summary>The hourly or daily digest of one office user's 【待审核】 notices → that user, one mail.</summary>
public sealed class OfficeReviewsDigestedConsumer(ReviewDigestMails mails) : IConsumer<OfficeReviewsDigested>
{
    public Task Consume(ConsumeContext<OfficeReviewsDigested> context) => mails.SendAsync(context.Message, context.CancellationToken);
}
