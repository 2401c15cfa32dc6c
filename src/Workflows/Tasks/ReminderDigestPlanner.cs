using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using Microsoft.EntityFrameworkCore;

namespace PerfWorkflow.Workflows.Tasks;

/// <summary>An open task the sweep may remind about today, with what decides who the reminder goes to.</summary>
public sealed record ReminderCandidate(
    Guid Id,
    DateTimeOffset DueAt,
    bool Escalated,
    Guid? AssigneeId,
    UserRole CandidateRole,
    string? CandidateSectionId,
    string? DeclarationSectionId);

/// <summary>A reminder due today and the users it would mail.</summary>
public sealed record PlannedReminder(Guid TaskId, ScheduledReminder Reminder, IReadOnlyList<Guid> Recipients)
{
    public DigestKind DigestKind => ReminderDigestPlanner.KindOf(Reminder.Kind);
}

/// <summary>One recipient's digest: their reminders of one kind, most urgent first.</summary>
public sealed record PlannedDigest(Guid RecipientId, DigestKind Kind, IReadOnlyList<PlannedReminder> Items);

/// <summary>Groups a sweep's reminders by recipient and picks who gets a digest instead of single mails.</summary>
public static class ReminderDigestPlanner
{
    public static DigestKind KindOf(ReminderKind kind) =>
        kind == ReminderKind.Escalation ? DigestKind.Escalations : DigestKind.Reminders;

    /// <summary>
    /// The digests of the recipients who would get more than <paramref name="threshold"/> reminders of one digest kind;
    /// items sorted most urgent first (fewest working days left, i.e. most overdue, first).
    /// </summary>
    public static IReadOnlyList<PlannedDigest> Plan(IEnumerable<PlannedReminder> reminders, int threshold) =>
    [
        .. reminders
            .SelectMany(r => r.Recipients.Distinct().Select(recipient => (Recipient: recipient, Reminder: r)))
            .GroupBy(x => (x.Recipient, x.Reminder.DigestKind))
            .Where(g => g.Count() > threshold)
            .Select(g => new PlannedDigest(
                g.Key.Recipient,
                g.Key.DigestKind,
                [.. g.Select(x => x.Reminder).OrderBy(r => r.Reminder.WorkingDaysLeft).ThenBy(r => r.TaskId)]))
            .OrderBy(d => d.RecipientId)
            .ThenBy(d => d.Kind),
    ];

    /// <summary>The recipients of <paramref name="reminder"/> whose digest (among <paramref name="digests"/>) lists it.</summary>
    public static IReadOnlyList<Guid> DigestedRecipients(PlannedReminder reminder, IReadOnlySet<(Guid Recipient, DigestKind Kind)> digests) =>
        [.. reminder.Recipients.Where(r => digests.Contains((r, reminder.DigestKind)))];
}

/// <summary>
/// Who a reminder mails, as the notification consumers resolve it: the assignee, else the candidate group; escalations
/// go to the 科室负责人 of the declaration's 科室 and the office. Only active users with an email address count.
/// </summary>
public sealed class ReminderAudience
{
    private readonly HashSet<Guid> _reachable;
    private readonly ILookup<(UserRole Role, string? SectionId), Guid> _bySection;
    private readonly ILookup<UserRole, Guid> _byRole;
    private readonly Dictionary<(UserRole, string?), IReadOnlyList<Guid>> _groups = [];

    public ReminderAudience(IEnumerable<AppUser> users)
    {
        var active = users.Where(u => u.IsActive && !string.IsNullOrWhiteSpace(u.Email)).OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
        _reachable = [.. active.Select(u => u.Id)];
        _bySection = active.ToLookup(u => (u.Role, u.SectionId), u => u.Id);
        _byRole = active.ToLookup(u => u.Role, u => u.Id);
    }

    public static async Task<ReminderAudience> LoadAsync(PerfWorkflowDbContext db, CancellationToken ct) =>
        new(await db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != "").ToListAsync(ct));

    public IReadOnlyList<Guid> For(ReminderCandidate task, ReminderKind kind)
    {
        if (kind == ReminderKind.Escalation)
        {
            return task.DeclarationSectionId is { } section
                ? [.. Group(UserRole.SectionHead, section).Concat(Group(UserRole.Office, null)).Distinct()]
                : Group(UserRole.Office, null);
        }
        if (task.AssigneeId is { } assignee)
        {
            return _reachable.Contains(assignee) ? [assignee] : [];
        }
        return Group(task.CandidateRole, task.CandidateSectionId);
    }

    // A group without a 科室 is everyone in the role (办公室, 局领导 …); cached, the same group serves thousands of tasks.
    private IReadOnlyList<Guid> Group(UserRole role, string? sectionId)
    {
        if (!_groups.TryGetValue((role, sectionId), out var members))
        {
            members = sectionId is null ? [.. _byRole[role]] : [.. _bySection[(role, sectionId)]];
            _groups[(role, sectionId)] = members;
        }
        return members;
    }
}
