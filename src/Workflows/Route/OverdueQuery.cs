using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Route;

/// <summary>Which declarations with a due time to list: by cycle, 科室, stage, 项目类型; only the overdue ones by default.</summary>
public sealed record DeadlineFilter(
    int? Cycle = null,
    string? SectionId = null,
    DeclarationStage? Stage = null,
    string? ProjectTypeCode = null,
    bool OverdueOnly = true);

/// <summary>
/// A declaration with a due time in its current stage. <c>WorkingDaysOverdue</c> is positive once the due time has passed
/// (at least 1), zero or negative (working days left) before. <c>Assignee</c> is the person, else the candidate role.
/// </summary>
public sealed record OverdueItem(
    Guid DeclarationId,
    string Code,
    string Name,
    string SectionId,
    string Stage,
    DateTimeOffset DueAt,
    int WorkingDaysOverdue,
    string? Assignee,
    bool DueIsProvisional,
    string ProjectTypeCode = "",
    string ProjectTypeName = "",
    UserRole? CandidateRole = null,
    string? CandidateSectionId = null)
{
    public bool IsOverdue => WorkingDaysOverdue > 0;
}

/// <summary>The columns the overdue list can be ordered by.</summary>
public enum OverdueOrder
{
    /// <summary>Working days overdue; descending (the default) is most overdue first.</summary>
    Overdue,
    Code,
    Name,
    Section,
    ProjectType,

    /// <summary>Route order (填报 → … → 区财政审核), not the alphabet.</summary>
    Stage,

    /// <summary>Named holders by name, then the tasks still waiting in a group, by role and 科室.</summary>
    Holder,
    Due,
}

/// <summary>How many declarations a filter lists, and how many of those are overdue.</summary>
public sealed record OverdueCounts(int Listed, int Overdue);

/// <summary>The one place that decides what is overdue and by how many working days (API and dashboard both read it).</summary>
public sealed class OverdueQuery(PerfWorkflowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock)
{
    /// <summary>At most this many rows from the unpaged API list, earliest due first.</summary>
    public const int Limit = 1000;

    /// <summary>The API's list: most overdue (earliest due) first, at most <see cref="Limit"/> rows.</summary>
    public Task<IReadOnlyList<OverdueItem>> ListAsync(DeadlineFilter filter, CancellationToken ct) =>
        ListAsync(filter, OverdueOrder.Overdue, descending: true, skip: 0, take: Limit, ct);

    /// <summary>
    /// One page of the list, ordered in the database so that every page of a long list is the right slice of the whole
    /// (<paramref name="take"/> null: every row, for the CSV). Ties fall back to due time, then 项目编码, then id, so that
    /// paging is stable.
    /// </summary>
    public async Task<IReadOnlyList<OverdueItem>> ListAsync(DeadlineFilter filter, OverdueOrder order, bool descending, int skip, int? take, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        IQueryable<Declaration> listed = Ordered(Filtered(filter, now), order, descending).Skip(skip);
        if (take is { } count)
        {
            listed = listed.Take(count);
        }
        var rows = await listed
            .Select(d => new { d.Id, d.Code, d.Name, d.SectionId, d.Stage, d.DueAt, d.DueIsProvisional, d.ProjectTypeCode, d.ProjectTypeName })
            .ToListAsync(ct);
        // A subquery rather than the page's ids as parameters: the database probes the task index once per listed row.
        var ids = listed.Select(d => (Guid?)d.Id);
        var tasks = (await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.DeclarationId) && t.CompletedAt == null)
                .Select(t => new { t.DeclarationId, t.AssigneeName, t.CandidateRole, t.CandidateSectionId }).ToListAsync(ct))
            .GroupBy(t => t.DeclarationId!.Value).ToDictionary(g => g.Key, g => g.First());
        var today = ChinaTime.Today(clock);
        return rows.Select(r =>
        {
            var due = r.DueAt!.Value;
            var days = calendar.WorkingDaysBetween(DateOnly.FromDateTime(ChinaTime.ToChina(due).DateTime), today);
            var task = tasks.GetValueOrDefault(r.Id);
            return new OverdueItem(
                r.Id, r.Code, r.Name, r.SectionId, r.Stage.ToString(), due,
                due < now ? Math.Max(1, days) : Math.Min(0, days),
                task is null ? null : task.AssigneeName ?? task.CandidateRole.ToString(),
                r.DueIsProvisional, r.ProjectTypeCode, r.ProjectTypeName,
                task is { AssigneeName: null } ? task.CandidateRole : null,
                task?.CandidateSectionId);
        }).ToList();
    }

    /// <summary>How many rows the filter lists and how many of them are overdue (the page count and the badge).</summary>
    public async Task<OverdueCounts> CountAsync(DeadlineFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = Filtered(filter, now);
        var listed = await query.CountAsync(ct);
        return new OverdueCounts(listed, filter.OverdueOnly ? listed : await query.CountAsync(d => d.DueAt < now, ct));
    }

    /// <summary>Overdue declarations per 科室 under the filter (the dashboard's chart).</summary>
    public async Task<IReadOnlyDictionary<string, int>> OverdueBySectionAsync(DeadlineFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await Filtered(filter with { OverdueOnly = true }, now)
            .GroupBy(d => d.SectionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    private IQueryable<Declaration> Filtered(DeadlineFilter filter, DateTimeOffset now)
    {
        var query = db.Declarations.AsNoTracking().Where(d => d.DueAt != null
            && d.Stage != DeclarationStage.Finalized && d.Stage != DeclarationStage.Excluded);
        if (filter.OverdueOnly)
        {
            query = query.Where(d => d.DueAt < now);
        }
        if (filter.Cycle is { } cycle)
        {
            query = query.Where(d => d.CycleYear == cycle);
        }
        if (!string.IsNullOrEmpty(filter.SectionId))
        {
            query = query.Where(d => d.SectionId == filter.SectionId);
        }
        if (filter.Stage is { } stage)
        {
            query = query.Where(d => d.Stage == stage);
        }
        if (!string.IsNullOrEmpty(filter.ProjectTypeCode))
        {
            query = query.Where(d => d.ProjectTypeCode == filter.ProjectTypeCode);
        }
        return query;
    }

    private IOrderedQueryable<Declaration> Ordered(IQueryable<Declaration> query, OverdueOrder order, bool descending)
    {
        IOrderedQueryable<Declaration> By<TKey>(Expression<Func<Declaration, TKey>> key) =>
            descending ? query.OrderByDescending(key) : query.OrderBy(key);
        var openTasks = db.Tasks.Where(t => t.CompletedAt == null);
        var ordered = order switch
        {
            OverdueOrder.Code => By(d => d.Code),
            OverdueOrder.Name => By(d => d.Name),
            OverdueOrder.Section => By(d => db.Sections.Where(s => s.Id == d.SectionId).Select(s => s.Name).FirstOrDefault() ?? d.SectionId),
            OverdueOrder.ProjectType => By(d => d.ProjectTypeCode),
            OverdueOrder.Stage => By(StageOrder),
            // Named holders (0), then group tasks (1), then declarations waiting on the package with no task of their
            // own (2). Every key is made non-null: SQLite and PostgreSQL put NULLs at opposite ends.
            OverdueOrder.Holder => By(d => openTasks.Where(t => t.DeclarationId == d.Id).Select(t => (int?)(t.AssigneeName != null ? 0 : 1)).FirstOrDefault() ?? 2)
                .ThenBy(d => openTasks.Where(t => t.DeclarationId == d.Id).Select(t => t.AssigneeName).FirstOrDefault() ?? "", descending)
                .ThenBy(d => openTasks.Where(t => t.DeclarationId == d.Id).Select(t => t.CandidateRole).FirstOrDefault(), descending)
                .ThenBy(d => openTasks.Where(t => t.DeclarationId == d.Id).Select(t => t.CandidateSectionId).FirstOrDefault() ?? "", descending),
            // More working days overdue is an earlier due time.
            OverdueOrder.Overdue => descending ? query.OrderBy(d => d.DueAt) : query.OrderByDescending(d => d.DueAt),
            _ => By(d => d.DueAt),
        };
        return ordered.ThenBy(d => d.DueAt).ThenBy(d => d.Code).ThenBy(d => d.Id);
    }

    /// <summary>The stage's place on the route, for ordering in the database (the column holds the stage's name).</summary>
    private static readonly Expression<Func<Declaration, int>> StageOrder = d =>
        d.Stage == DeclarationStage.Draft ? 0
        : d.Stage == DeclarationStage.OfficeReview ? 1
        : d.Stage == DeclarationStage.Consolidated ? 2
        : d.Stage == DeclarationStage.BureauReview ? 3
        : d.Stage == DeclarationStage.Approved ? 4
        : d.Stage == DeclarationStage.SubmittedToFinance ? 5
        : d.Stage == DeclarationStage.Finalized ? 6
        : 7;
}

internal static class OrderingExtensions
{
    /// <summary>ThenBy or ThenByDescending by a flag.</summary>
    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> source, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);
}
