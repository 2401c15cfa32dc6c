using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

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

    /// <summary>Route order (科室起草 → … → 财政审核通过), not the alphabet.</summary>
    Stage,

    /// <summary>Named holders by name, then the tasks still waiting in a group, by role and 科室.</summary>
    Holder,
    Due,
}

/// <summary>One page of the API's overdue list (most overdue first) with the size of the whole list.</summary>
/// <param name="Total">Overdue declarations under the filter, on all pages.</param>
public sealed record OverduePage(IReadOnlyList<OverdueItem> Items, int Page, int PageSize, int Total, int PageCount);

/// <summary>How many declarations a filter lists, and how many of those are overdue.</summary>
public sealed record OverdueCounts(int Listed, int Overdue);

/// <summary>The one place that decides what is overdue and by how many working days (API and dashboard both read it).</summary>
public sealed class OverdueQuery(PerfWorkflowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock)
{
    /// <summary>At most this many rows from the unpaged list, earliest due first.</summary>
    public const int Limit = 1000;

    /// <summary>Rows on a page of the API's list unless asked otherwise: as the dashboard.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page the API serves.</summary>
    public const int MaxPageSize = 500;

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of the API's list, most overdue first, with the count of the whole list; a
    /// page past the end has no items.
    /// </summary>
    public async Task<OverduePage> PageAsync(DeadlineFilter filter, int page, int pageSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var total = (await CountAsync(filter with { OverdueOnly = true }, ct)).Listed;
        var items = (long)(page - 1) * pageSize >= total
            ? []
            : await ListAsync(filter with { OverdueOnly = true }, OverdueOrder.Overdue, descending: true, (page - 1) * pageSize, pageSize, ct);
        return new OverduePage(items, page, pageSize, total, Math.Max(1, (total + pageSize - 1) / pageSize));
    }

    /// <summary>The whole list: most overdue (earliest due) first, at most <see cref="Limit"/> rows.</summary>
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
        var filtered = Filtered(filter, now);
        var listed = Ordered(Joined(filtered, order), order, descending).Skip(skip);
        if (take is { } count)
        {
            listed = listed.Take(count);
        }
        var rows = await listed.Select(r => new
        {
            r.Declaration.Id, r.Declaration.Code, r.Declaration.Name, r.Declaration.SectionId, r.Declaration.Stage, r.Declaration.DueAt,
            r.Declaration.DueIsProvisional, r.Declaration.ProjectTypeCode, r.Declaration.ProjectTypeName,
        }).ToListAsync(ct);
        // The open tasks of the rows read: by the page's ids, or for the whole list (the CSV) by the filter itself.
        var ids = rows.Select(r => (Guid?)r.Id).ToList();
        var openTasks = db.Tasks.AsNoTracking().Where(t => t.CompletedAt == null);
        openTasks = take is null
            ? openTasks.Where(t => filtered.Select(d => (Guid?)d.Id).Contains(t.DeclarationId))
            : openTasks.Where(t => ids.Contains(t.DeclarationId));
        var tasks = (await openTasks.Select(t => new { t.DeclarationId, t.AssigneeName, t.CandidateRole, t.CandidateSectionId }).ToListAsync(ct))
            .GroupBy(t => t.DeclarationId!.Value).ToDictionary(g => g.Key, g => g.First());
        var today = ChinaTime.Today(clock);
        return rows.DistinctBy(r => r.Id).Select(r =>
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

    /// <summary>
    /// The listed declarations with what <paramref name="order"/> needs besides their own columns: the open task (the
    /// route keeps at most one) for the holder, the 科室's name for the 科室. Other orders join nothing, so that the
    /// database cuts the page from the declarations alone.
    /// </summary>
    private IQueryable<ListedRow> Joined(IQueryable<Declaration> filtered, OverdueOrder order) => order switch
    {
        OverdueOrder.Holder =>
            from d in filtered
            join t in db.Tasks.Where(t => t.CompletedAt == null) on (Guid?)d.Id equals t.DeclarationId into open
            from t in open.DefaultIfEmpty()
            select new ListedRow { Declaration = d, Task = t },
        OverdueOrder.Section =>
            from d in filtered
            join s in db.Sections on d.SectionId equals s.Id into named
            from s in named.DefaultIfEmpty()
            select new ListedRow { Declaration = d, SectionName = s == null ? d.SectionId : s.Name },
        _ => filtered.Select(d => new ListedRow { Declaration = d }),
    };

    /// <summary>A listed declaration with what it is ordered by besides its own columns.</summary>
    private sealed class ListedRow
    {
        public Declaration Declaration { get; init; } = null!;

        public WorkTask? Task { get; init; }

        public string SectionName { get; init; } = "";
    }

    /// <summary>How many rows the filter lists and how many of them are overdue (the page count and the badge).</summary>
    public async Task<OverdueCounts> CountAsync(DeadlineFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var counts = await Filtered(filter, now).GroupBy(_ => 1)
            .Select(g => new OverdueCounts(g.Count(), g.Count(d => d.DueAt < now)))
            .FirstOrDefaultAsync(ct);
        return counts ?? new OverdueCounts(0, 0);
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

    private static IQueryable<ListedRow> Ordered(IQueryable<ListedRow> query, OverdueOrder order, bool descending)
    {
        IOrderedQueryable<ListedRow> By<TKey>(Expression<Func<ListedRow, TKey>> key) =>
            descending ? query.OrderByDescending(key) : query.OrderBy(key);
        var ordered = order switch
        {
            OverdueOrder.Code => By(r => r.Declaration.Code),
            OverdueOrder.Name => By(r => r.Declaration.Name),
            OverdueOrder.Section => By(r => r.SectionName),
            OverdueOrder.ProjectType => By(r => r.Declaration.ProjectTypeCode),
            OverdueOrder.Stage => By(StageOrder),
            // Named holders (0), then group tasks (1), then declarations waiting on the package with no task of their
            // own (2). The keys are made non-null where rows of one rank differ: SQLite and PostgreSQL put NULLs at
            // opposite ends.
            OverdueOrder.Holder => By(r => r.Task == null ? 2 : r.Task.AssigneeName != null ? 0 : 1)
                .ThenBy(r => r.Task!.AssigneeName ?? "", descending)
                .ThenBy(r => r.Task!.CandidateRole, descending)
                .ThenBy(r => r.Task!.CandidateSectionId ?? "", descending),
            // More working days overdue is an earlier due time.
            OverdueOrder.Overdue => descending ? query.OrderBy(r => r.Declaration.DueAt) : query.OrderByDescending(r => r.Declaration.DueAt),
            _ => By(r => r.Declaration.DueAt),
        };
        return ordered.ThenBy(r => r.Declaration.DueAt).ThenBy(r => r.Declaration.Code).ThenBy(r => r.Declaration.Id);
    }

    /// <summary>The stage's place on the route, for ordering in the database (the column holds the stage's name).</summary>
    private static readonly Expression<Func<ListedRow, int>> StageOrder = r =>
        r.Declaration.Stage == DeclarationStage.Draft ? 0
        : r.Declaration.Stage == DeclarationStage.OfficeReview ? 1
        : r.Declaration.Stage == DeclarationStage.Consolidated ? 2
        : r.Declaration.Stage == DeclarationStage.BureauReview ? 3
        : r.Declaration.Stage == DeclarationStage.Approved ? 4
        : r.Declaration.Stage == DeclarationStage.SubmittedToFinance ? 5
        : r.Declaration.Stage == DeclarationStage.Finalized ? 6
        : 7;
}

internal static class OrderingExtensions
{
    /// <summary>ThenBy or ThenByDescending by a flag.</summary>
    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> source, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);
}
