using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>
/// Sends TaskDeadlinesMoved: each holder of the moved tasks (the assignee, else the candidate group) gets one mail
/// listing their tasks with the old and the new due time. Tasks finished meanwhile are left out; with none left, no mail.
/// </summary>
public sealed class DeadlineMails(
    PerfWorkflowDbContext db,
    MailFacts facts,
    DigestItems digests,
    Recipients recipients,
    MailDispatcher dispatcher,
    TimeProvider time,
    ILogger<DeadlineMails> logger)
{
    private const string Template = nameof(TaskDeadlinesMoved);

    public async Task SendAsync(TaskDeadlinesMoved moved, CancellationToken ct)
    {
        var ids = moved.Items.Select(i => i.TaskId).Distinct().ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id) && t.CompletedAt == null).ToDictionaryAsync(t => t.Id, ct);
        var declarations = await digests.OwnersAsync(tasks.Values, ct);
        var now = time.GetUtcNow();
        var byRecipient = new Dictionary<Guid, (MailRecipient Recipient, List<DigestMailItem> Items, int CycleYear)>();
        foreach (var item in moved.Items)
        {
            if (!tasks.TryGetValue(item.TaskId, out var task))
            {
                continue;
            }
            var declaration = DigestItems.OwnerOf(task, declarations);
            var listed = await digests.ItemAsync(task, declaration, null, facts.DeadlineAt(item.DueAt, now)!, ct) with
            {
                PreviousDueAt = item.PreviousDueAt,
            };
            var cycleYear = declaration?.CycleYear ?? task.PackageCycleYear ?? digests.DefaultCycleYear;
            foreach (var recipient in await recipients.ForTaskAsync(task, ct))
            {
                if (!byRecipient.TryGetValue(recipient.UserId, out var entry))
                {
                    entry = (recipient, [], cycleYear);
                    byRecipient[recipient.UserId] = entry;
                }
                entry.Items.Add(listed);
            }
        }
        if (byRecipient.Count == 0)
        {
            logger.LogInformation("{Template} {EventId}: no open task with a holder to mail; no email sent", Template, moved.EventId);
            return;
        }
        foreach (var (recipient, items, cycleYear) in byRecipient.Values)
        {
            var sorted = items.OrderBy(i => i.Deadline.DueAt).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
            await dispatcher.SendOnceAsync(moved.EventId, Template, recipient,
                () => digests.Model(recipient, cycleYear, moved.At, "deadlines", DateOnly.FromDateTime(ChinaTime.ToChina(moved.At).DateTime), sorted, moved.Reason), ct);
        }
    }
}
