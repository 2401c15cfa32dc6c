using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>What an event about one task says: which task, when, and the working days left (negative when overdue).</summary>
public sealed record TaskNotice(string Template, Guid EventId, Guid TaskId, DateTimeOffset At, int? WorkingDaysLeft)
{
    /// <summary>Recipients who get this reminder in their daily digest instead.</summary>
    public IReadOnlyCollection<Guid> DigestedRecipientIds { get; init; } = [];

    /// <summary>TaskAssigned: the person the event handed the task to; null when it opened the task for a group.</summary>
    public Guid? AssigneeId { get; init; }

    /// <summary>TaskUrged: the office user who sent the 催办, and their comment.</summary>
    public Guid? UrgedById { get; init; }

    public string? Note { get; init; }
}

/// <summary>Who a task email goes to.</summary>
public enum TaskAudience
{
    /// <summary>TaskAssigned: the person a task was handed to (a group task is announced by the event that opened it).</summary>
    Assignment,

    /// <summary>Reminders: the assignee, or the candidate group.</summary>
    Holders,

    /// <summary>The 科室负责人 of the declaration's 科室 and the office.</summary>
    Escalation,
}

/// <summary>Sends the emails of TaskAssigned, TaskDueSoon, TaskOverdue, TaskEscalated and TaskUrged.</summary>
public sealed class TaskMails(
    PerfWorkflowDbContext db,
    MailFacts facts,
    Recipients recipients,
    MailDispatcher dispatcher,
    TimeProvider time,
    ILogger<TaskMails> logger)
{
    /// <summary>
    /// A reminder or escalation made now, with the working days left the sweep counted (negative when overdue), to the
    /// audience less the recipients whose digest lists it.
    /// </summary>
    public Task RemindAsync(string template, Guid eventId, Guid taskId, int workingDaysLeft, TaskAudience audience, IReadOnlyList<Guid>? digested, CancellationToken ct) =>
        SendAsync(new TaskNotice(template, eventId, taskId, time.GetUtcNow(), workingDaysLeft) { DigestedRecipientIds = digested ?? [] }, audience, ct);

    /// <summary>
    /// Mails the task's audience. A finished task gets nothing: the reminder or assignment is moot; nor does an overdue
    /// reminder or escalation of a task that is no longer overdue (its due date moved).
    /// </summary>
    public async Task SendAsync(TaskNotice notice, TaskAudience audience, CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == notice.TaskId, ct);
        if (task is null || !task.IsOpen)
        {
            logger.LogInformation("{Template} {EventId}: task {TaskId} is gone or done; no email sent", notice.Template, notice.EventId, notice.TaskId);
            return;
        }
        if (notice.WorkingDaysLeft < 0 && !IsOverdue(task, notice.At))
        {
            logger.LogInformation("{Template} {EventId}: task {TaskId} is no longer overdue; no email sent", notice.Template, notice.EventId, notice.TaskId);
            return;
        }
        if (audience == TaskAudience.Assignment && !IsAssignmentNews(task, notice.AssigneeId))
        {
            logger.LogInformation("{Template} {EventId}: task {TaskId} was opened for a group or has since been handed to someone else; no email sent", notice.Template, notice.EventId, notice.TaskId);
            return;
        }
        var escalation = audience == TaskAudience.Escalation;
        var current = task.DeclarationId is { } declarationId ? await facts.FindDeclarationAsync(declarationId, ct) : null;
        var cycleYear = current?.CycleYear ?? task.PackageCycleYear;
        if (cycleYear is null)
        {
            logger.LogWarning("{Template} {EventId}: task {TaskId} belongs to no declaration or cycle; no email sent", notice.Template, notice.EventId, notice.TaskId);
            return;
        }
        // Recipients first: the diff and names are read only when someone is to be mailed.
        var audienceMembers = escalation
            ? await recipients.OfAsync(EscalationAudiences(current?.SectionId), ct)
            : await recipients.ForTaskAsync(task, ct);
        var to = audienceMembers.Where(r => !notice.DigestedRecipientIds.Contains(r.UserId)).ToList();
        if (to.Count == 0)
        {
            return;
        }
        var declaration = current is null ? null : await facts.DeclarationAsync(current, int.MaxValue, diffFrom: null, ct);
        var unit = await facts.UnitAsync(task.CandidateRole, task.CandidateSectionId, ct);
        var urgedBy = notice.UrgedById is { } urger ? (await facts.PersonAsync(urger, ct)).Name : null;
        var assignedBy = task.DelegatedById is { } delegatedBy ? (await facts.PersonAsync(delegatedBy, ct)).Name : null;
        var deadline = task.DueAt is { } due && notice.WorkingDaysLeft is { } left
            ? new Deadline(due, left)
            : facts.DeadlineAt(task.DueAt, notice.At);
        var summary = declaration?.Summary;
        var assignee = HolderName(task, unit);

        await dispatcher.SendToAllAsync(notice.EventId, notice.Template, to, recipient => new TaskMailModel
        {
            RecipientName = recipient.Name,
            CycleYear = cycleYear.Value,
            At = notice.At,
            PortalUrl = facts.PortalUrl,
            TaskTitle = Title(task),
            // An escalation names who is late; everyone else reads about their own task.
            AssigneeName = !escalation ? recipient.Name : assignee,
            // A bureau-wide group (办公室) is named by its unit alone; naming the unit twice reads 办公室 办公室.
            AssigneeUnit = escalation && assignee == unit ? null : unit,
            AssignedBy = assignedBy,
            Declaration = summary,
            UrgedBy = urgedBy,
            Note = notice.Note,
            Diff = declaration?.Diff,
            DiffSinceVersion = declaration?.DiffSinceVersion,
            Deadline = deadline,
            Links = LinksFor(task, recipient, summary, holder: !escalation),
        }, ct);
    }

    /// <summary>
    /// True when the assignment event handed the task to a person (转办) who still holds it. A task opened for a whole
    /// group is announced by the event that opened it (submit → office, return → 科室, package submit → leaders …), and
    /// an assignment the task has since moved on from is told by the later assignment's own event — whatever order
    /// the events are consumed in, each person is told once.
    /// </summary>
    public static bool IsAssignmentNews(WorkTask task, Guid? assignedTo) => assignedTo is not null && task.AssigneeId == assignedTo;

    /// <summary>Still past its due time at <paramref name="at"/>: an overdue reminder or escalation is still true.</summary>
    public static bool IsOverdue(WorkTask task, DateTimeOffset at) => task.DueAt is { } due && due < at;

    private static IEnumerable<Audience> EscalationAudiences(string? sectionId) =>
        sectionId is null ? [Audience.Office] : [Audience.Heads(sectionId), Audience.Office];

    private List<MailLink> LinksFor(WorkTask task, MailRecipient recipient, DeclarationSummary? declaration, bool holder)
    {
        var links = new List<MailLink>();
        if (task.DeclarationId is not { } declarationId)
        {
            links.Add(facts.PortalLink("查看汇总", $"/package?cycle={task.PackageCycleYear}"));
            return links;
        }
        if (holder && task.Kind == TaskKind.OfficeReview && declaration is not null)
        {
            links.Add(facts.ActionLink("纳入汇总", task.Id, ActionNames.Accept, recipient.UserId, declarationId, declaration.Version));
            links.Add(facts.ActionLink("退回", task.Id, ActionNames.Return, recipient.UserId, declarationId, declaration.Version));
        }
        links.Add(facts.PortalLink("查看申报表", MailFacts.DeclarationPath(declarationId)));
        return links;
    }

    /// <summary>Who holds the task as an escalation names them: the assignee, else the group (工业运行科经办人, 办公室).</summary>
    internal static string HolderName(WorkTask task, string? unit) => task.AssigneeName ?? $"{unit}{GroupLabel(task.CandidateRole)}";

    internal static string Title(WorkTask task) => task.Kind switch
    {
        TaskKind.Draft => "填报并提交申报表",
        TaskKind.OfficeReview => "审核申报表",
        TaskKind.BureauReview => "审定申报汇总",
        TaskKind.SubmitToFinance => "报送区财政局",
        TaskKind.FinanceReview => "财政审核",
        _ => "办理任务",
    };

    private static string GroupLabel(UserRole role) => role switch
    {
        UserRole.SectionDrafter => "经办人",
        UserRole.SectionHead => "负责人",
        _ => "",
    };
}
