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
        var declarationIds = tasks.Values.Select(t => t.DeclarationId).OfType<Guid>().Distinct().ToList();
        var declarations = await db.Declarations.AsNoTracking().Where(d => declarationIds.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.SectionId, d.Stage, d.CycleYear })
            .ToDictionaryAsync(d => d.Id, ct);
        var now = time.GetUtcNow();
        var byRecipient = new Dictionary<Guid, (MailRecipient Recipient, List<DigestMailItem> Items, int CycleYear)>();
        foreach (var item in moved.Items)
        {
            if (!tasks.TryGetValue(item.TaskId, out var task))
            {
                continue;
            }
            var declaration = task.DeclarationId is { } id ? declarations.GetValueOrDefault(id) : null;
            var listed = new DigestMailItem(
                declaration?.Name ?? $"{task.PackageCycleYear}年度项目汇总",
                declaration is null ? null : await facts.SectionNameAsync(declaration.SectionId, ct),
                declaration?.Stage.ToString(),
                TaskMails.Title(task),
                null,
                facts.DeadlineAt(item.DueAt, now)!,
                declaration is null
                    ? facts.PortalLink("查看汇总", $"/package?cycle={task.PackageCycleYear}")
                    : facts.PortalLink("查看申报表", MailFacts.DeclarationPath(declaration.Id)))
            {
                PreviousDueAt = item.PreviousDueAt,
            };
            var cycleYear = declaration?.CycleYear ?? task.PackageCycleYear ?? ChinaTime.Today(time).Year + 1;
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
            await dispatcher.SendOnceAsync(moved.EventId, Template, recipient, () => new DigestMailModel
            {
                RecipientName = recipient.Name,
                CycleYear = cycleYear,
                At = moved.At,
                PortalUrl = facts.PortalUrl,
                Kind = "deadlines",
                Day = DateOnly.FromDateTime(ChinaTime.ToChina(moved.At).DateTime),
                Items = sorted.Take(DigestMailModel.MaxListed).ToList(),
                TotalCount = sorted.Count,
                OverdueCount = sorted.Count(i => i.Deadline.IsOverdue),
                Reason = moved.Reason,
                Links = [facts.PortalLink("打开我的待办", "/tasks")],
            }, ct);
        }
    }
}
