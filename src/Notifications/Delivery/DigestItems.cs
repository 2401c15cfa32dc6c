using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;
using Deadline = PerfWorkflow.Notifications.Rendering.Deadline;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>
/// What the list mails (reminder and escalation digests, 【截止日期调整】) share: the declarations their tasks belong to,
/// one listed item per task, and the mail around the list.
/// </summary>
public sealed class DigestItems(PerfWorkflowDbContext db, MailFacts facts, TimeProvider time)
{
    /// <summary>The declaration a listed task is for: what the item and the mail's budget year need.</summary>
    public sealed record Owner(Guid Id, string Name, string SectionId, DeclarationStage Stage, int CycleYear);

    public async Task<IReadOnlyDictionary<Guid, Owner>> OwnersAsync(IEnumerable<WorkTask> tasks, CancellationToken ct)
    {
        var ids = tasks.Select(t => t.DeclarationId).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<Guid, Owner>()
            : await db.Declarations.AsNoTracking().Where(d => ids.Contains(d.Id))
                .Select(d => new Owner(d.Id, d.Name, d.SectionId, d.Stage, d.CycleYear))
                .ToDictionaryAsync(d => d.Id, ct);
    }

    public static Owner? OwnerOf(WorkTask task, IReadOnlyDictionary<Guid, Owner> owners) =>
        task.DeclarationId is { } id ? owners.GetValueOrDefault(id) : null;

    /// <summary>One task as a line of the list: its declaration (or the package), 科室, stage, what to do, the page.</summary>
    public async Task<DigestMailItem> ItemAsync(WorkTask task, Owner? declaration, string? holder, Deadline deadline, CancellationToken ct) =>
        new(
            declaration?.Name ?? $"{task.PackageCycleYear}年度项目汇总",
            declaration is null ? null : await facts.SectionNameAsync(declaration.SectionId, ct),
            declaration?.Stage.ToString(),
            TaskMails.Title(task),
            holder,
            deadline,
            declaration is null
                ? facts.PortalLink("查看汇总", $"/package?cycle={task.PackageCycleYear}")
                : facts.PortalLink("查看申报表", MailFacts.DeclarationPath(declaration.Id)));

    /// <summary>The budget year a list is about when none of its items names one: the cycle being prepared.</summary>
    public int DefaultCycleYear => ChinaTime.Today(time).Year + 1;

    /// <summary>The mail around an already sorted list: the first <see cref="DigestMailModel.MaxListed"/> listed, all counted.</summary>
    public DigestMailModel Model(MailRecipient recipient, int cycleYear, DateTimeOffset at, string kind, DateOnly day,
        IReadOnlyList<DigestMailItem> sorted, string? reason = null) => new()
        {
            RecipientName = recipient.Name,
            CycleYear = cycleYear,
            At = at,
            PortalUrl = facts.PortalUrl,
            Kind = kind,
            Day = day,
            Items = sorted.Take(DigestMailModel.MaxListed).ToList(),
            TotalCount = sorted.Count,
            OverdueCount = sorted.Count(i => i.Deadline.IsOverdue),
            Reason = reason,
            Links = [facts.PortalLink("打开我的待办", "/tasks")],
        };
}
