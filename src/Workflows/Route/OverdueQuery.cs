using Microsoft.EntityFrameworkCore;
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

/// <summary>The one place that decides what is overdue and by how many working days (API and dashboard both read it).</summary>
public sealed class OverdueQuery(PerfWorkflowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock)
{
    /// <summary>At most this many rows, earliest due first: a list longer than this is a problem no table solves.</summary>
    public const int Limit = 1000;

    public async Task<IReadOnlyList<OverdueItem>> ListAsync(DeadlineFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
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
        var listed = query.OrderBy(d => d.DueAt).Take(Limit);
        var rows = await listed
            .Select(d => new { d.Id, d.Code, d.Name, d.SectionId, d.Stage, d.DueAt, d.DueIsProvisional, d.ProjectTypeCode, d.ProjectTypeName })
            .ToListAsync(ct);
        // A subquery rather than up to 1000 ids as parameters: the database probes the task index once per listed row.
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
}
