using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;
using Deadline = PerfWorkflow.Notifications.Rendering.Deadline;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>
/// Sends TaskRemindersDigested: one mail listing a recipient's reminders (or escalations) of the day, most urgent first.
/// Items whose task finished meanwhile (or, when overdue, is no longer overdue) are left out; with none left, no mail.
/// </summary>
public sealed class DigestMails(
    PerfWorkflowDbContext db,
    MailFacts facts,
    DigestItems digests,
    Recipients recipients,
    MailDispatcher dispatcher,
    TimeProvider time,
    ILogger<DigestMails> logger)
{
    private const string Template = nameof(TaskRemindersDigested);

    public async Task SendAsync(TaskRemindersDigested digest, CancellationToken ct)
    {
        if (await recipients.UserAsync(digest.RecipientId, ct) is not { } recipient)
        {
            logger.LogInformation("{Template} {EventId}: user {UserId} is inactive or has no email address; no email sent", Template, digest.EventId, digest.RecipientId);
            return;
        }
        var now = time.GetUtcNow();
        var ids = digest.Items.Select(i => i.TaskId).Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var live = digest.Items
            .Where(i => tasks.TryGetValue(i.TaskId, out var task) && task.IsOpen && task.DueAt is not null
                && (i.WorkingDaysLeft >= 0 || TaskMails.IsOverdue(task, now)))
            .ToList();
        if (live.Count < digest.Items.Count)
        {
            logger.LogInformation("{Template} {EventId}: {Skipped} of {Count} tasks finished or no longer overdue; left out",
                Template, digest.EventId, digest.Items.Count - live.Count, digest.Items.Count);
        }
        if (live.Count == 0)
        {
            logger.LogInformation("{Template} {EventId}: nothing left to remind {UserId} of; no email sent", Template, digest.EventId, digest.RecipientId);
            return;
        }

        var declarations = await digests.OwnersAsync(live.Select(i => tasks[i.TaskId]), ct);
        var escalations = digest.Kind == DigestKind.Escalations;
        var items = new List<DigestMailItem>();
        foreach (var reminder in live)
        {
            var task = tasks[reminder.TaskId];
            var declaration = DigestItems.OwnerOf(task, declarations);
            var holder = escalations ? TaskMails.HolderName(task, await facts.UnitAsync(task.CandidateRole, task.CandidateSectionId, ct)) : null;
            items.Add(await digests.ItemAsync(task, declaration, holder, new Deadline(task.DueAt!.Value, reminder.WorkingDaysLeft), ct));
        }
        var sorted = MostUrgentFirst(items);
        var cycleYear = declarations.Values.Select(d => (int?)d.CycleYear).Concat(tasks.Values.Select(t => t.PackageCycleYear)).Max()
            ?? digests.DefaultCycleYear;

        await dispatcher.SendOnceAsync(digest.EventId, Template, recipient,
            () => digests.Model(recipient, cycleYear, now, escalations ? "escalations" : "reminders", digest.Day, sorted), ct);
    }

    /// <summary>Most overdue first, then the fewest working days left, then the earliest due time; ties by name.</summary>
    public static List<DigestMailItem> MostUrgentFirst(IEnumerable<DigestMailItem> items) =>
    [
        .. items
            .OrderBy(i => i.Deadline.WorkingDaysLeft)
            .ThenBy(i => i.Deadline.DueAt)
            .ThenBy(i => i.Name, StringComparer.Ordinal),
    ];
}
