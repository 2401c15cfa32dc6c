using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Api.Tasks;

/// <summary>One line of 待办/已办: the task, its declaration, due date and working days left or overdue.</summary>
public sealed record TaskItem(
    Guid Id, string Kind, string KindLabel, Guid? DeclarationId, int? PackageCycleYear, string DeclarationName, string DeclarationCode,
    string? AssigneeName, DateTimeOffset? DueAt, string DueDate, string DueBadge, int? WorkingDaysLeft, bool Overdue,
    DateTimeOffset? CompletedAt, string? Outcome, string? Comment, decimal? AmountYuan = null);

/// <summary>The tasks of one user: open ones they may work on (<see cref="WorkTask.IsFor"/>) or the ones they completed.</summary>
public sealed class TaskList(PerfWorkflowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock)
{
    public async Task<IReadOnlyList<TaskItem>> ForAsync(Actor actor, bool open, CancellationToken ct)
    {
        var query = db.Tasks.AsNoTracking();
        query = open
            ? query.Where(t => t.CompletedAt == null
                               && (t.AssigneeId == actor.UserId
                                   || (t.AssigneeId == null && t.CandidateRole == actor.Role
                                       && (t.CandidateSectionId == null || t.CandidateSectionId == actor.SectionId))))
            : query.Where(t => t.CompletedById == actor.UserId);
        var tasks = (await query.ToListAsync(ct)).Where(t => !open || t.IsFor(actor)).ToList();
        var ids = tasks.Where(t => t.DeclarationId is not null).Select(t => t.DeclarationId!.Value).Distinct().ToList();
        var declarations = await db.Declarations.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.Code, d.CurrentYearAmountYuan }).ToDictionaryAsync(d => d.Id, ct);
        var now = clock.GetUtcNow();
        var ordered = open ? tasks.OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue) : tasks.OrderByDescending(t => t.CompletedAt);
        return ordered.Select(t =>
        {
            var declaration = t.DeclarationId is { } id && declarations.TryGetValue(id, out var d) ? d : null;
            var due = open ? DueStatus.Of(t.DueAt, now, calendar) : DueStatus.None with { DueDate = t.DueAt is { } at ? DueStatus.Of(at, at, calendar).DueDate : "—" };
            var name = declaration?.Name ?? (t.PackageCycleYear is { } year ? $"{year} 年度申报包" : "");
            return new TaskItem(
                t.Id, t.Kind.ToString(), KindLabel(t.Kind), t.DeclarationId, t.PackageCycleYear, name, declaration?.Code ?? "",
                t.AssigneeName, t.DueAt, due.DueDate, due.Badge, due.WorkingDays, due.WorkingDays < 0, t.CompletedAt, t.Outcome, t.Comment,
                declaration?.CurrentYearAmountYuan);
        }).ToList();
    }

    /// <summary>The columns 待办/已办 sorts by (wire names of <c>sort=</c>).</summary>
    public static IReadOnlyList<string> SortKeys { get; } = ["name", "code", "kind", "due", "amount", "done"];

    /// <summary>Tasks whose declaration's 项目名称 or 项目编码 contains the text, in the chosen order (one user's list is short).</summary>
    public static IReadOnlyList<TaskItem> SearchAndSort(IReadOnlyList<TaskItem> items, string? text, string? sort, bool descending)
    {
        var q = text?.Trim();
        IEnumerable<TaskItem> found = string.IsNullOrEmpty(q)
            ? items
            : items.Where(i => i.DeclarationName.Contains(q, StringComparison.OrdinalIgnoreCase) || i.DeclarationCode.Contains(q, StringComparison.Ordinal));
        Func<TaskItem, object?>? key = sort switch
        {
            "name" => i => i.DeclarationName,
            "code" => i => i.DeclarationCode,
            "kind" => i => i.KindLabel,
            "due" => i => i.DueAt,
            "amount" => i => i.AmountYuan,
            "done" => i => i.CompletedAt,
            _ => null,
        };
        if (key is null)
        {
            return found.ToList();
        }
        var comparer = Comparer<object?>.Create((a, b) => a is null ? (b is null ? 0 : 1) : b is null ? -1 : Comparer<object>.Default.Compare(a, b));
        return (descending ? found.OrderByDescending(key, comparer) : found.OrderBy(key, comparer)).ToList();
    }

    public static string KindLabel(TaskKind kind) => kind switch
    {
        TaskKind.Draft => "科室填报/修改",
        TaskKind.OfficeReview => "办公室审核",
        TaskKind.BureauReview => "局审核",
        TaskKind.SubmitToFinance => "报送区财政",
        TaskKind.FinanceReview => "财政审核",
        _ => kind.ToString(),
    };
}
