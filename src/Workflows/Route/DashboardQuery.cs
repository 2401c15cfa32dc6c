using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Route;

/// <summary>How many declarations of a 科室 stand in a stage.</summary>
public sealed record StageCount(string SectionId, DeclarationStage Stage, int Count);

/// <summary>How long the declarations now in a stage have been there, in working days.</summary>
public sealed record StageTime(DeclarationStage Stage, int Count, double MedianWorkingDays, int MaxWorkingDays)
{
    /// <summary>Median and maximum from (working days, how many declarations) pairs; at least one declaration.</summary>
    public static StageTime Of(DeclarationStage stage, IEnumerable<(int Days, int Count)> entries)
    {
        var sorted = entries.OrderBy(e => e.Days).ToList();
        var total = sorted.Sum(e => e.Count);
        int At(int index)
        {
            foreach (var (days, count) in sorted)
            {
                if (index < count)
                {
                    return days;
                }
                index -= count;
            }
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        var median = total % 2 == 1 ? At(total / 2) : (At((total / 2) - 1) + At(total / 2)) / 2.0;
        return new StageTime(stage, total, median, sorted[^1].Days);
    }
}

/// <summary>
/// The office dashboard's figures of a cycle beside the overdue list (<see cref="OverdueQuery"/>): counts by 科室 and
/// stage, time in stage, the 项目类型 present. Grouped in the database: at 100 000 declarations the page must not read
/// every row.
/// </summary>
public sealed class DashboardQuery(PerfWorkflowDbContext db, IWorkingDayCalendar calendar)
{
    public async Task<IReadOnlyList<StageCount>> CountsAsync(int cycle, CancellationToken ct) =>
        await db.Declarations.AsNoTracking().Where(d => d.CycleYear == cycle)
            .GroupBy(d => new { d.SectionId, d.Stage })
            .Select(g => new StageCount(g.Key.SectionId, g.Key.Stage, g.Count()))
            .ToListAsync(ct);

    /// <summary>Time in stage of the declarations still on the route (not finalized, not excluded), in route order.</summary>
    public async Task<IReadOnlyList<StageTime>> TimeInStageAsync(int cycle, DateOnly today, CancellationToken ct) =>
        [.. (await StageEntryDaysAsync(cycle, ct))
            .Where(r => r.Stage is not (DeclarationStage.Finalized or DeclarationStage.Excluded))
            .GroupBy(r => r.Stage).OrderBy(g => g.Key)
            .Select(g => StageTime.Of(g.Key, g.Select(r => (Math.Max(0, calendar.WorkingDaysBetween(r.Day, today)), r.Count))))];

    /// <summary>The 项目类型 (code, "code name") of the cycle's declarations, by code.</summary>
    public async Task<IReadOnlyList<(string Code, string Label)>> ProjectTypesAsync(int cycle, CancellationToken ct) =>
        [.. (await db.Declarations.AsNoTracking().Where(d => d.CycleYear == cycle && d.ProjectTypeCode != "")
                .Select(d => new { d.ProjectTypeCode, d.ProjectTypeName }).Distinct().ToListAsync(ct))
            .GroupBy(t => t.ProjectTypeCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, $"{g.Key} {g.First().ProjectTypeName}"))];

    /// <summary>How many declarations of the cycle entered their current stage on each China date, by stage.</summary>
    private async Task<List<(DeclarationStage Stage, DateOnly Day, int Count)>> StageEntryDaysAsync(int cycle, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var hours = (int)ChinaTime.Offset.TotalHours;
            var grouped = await db.Database.SqlQuery<StageEntryDay>($"""
                SELECT "Stage", (("StageEnteredAt" AT TIME ZONE 'UTC') + make_interval(hours => {hours}))::date AS "Day", count(*)::int AS "Count"
                FROM declarations WHERE "CycleYear" = {cycle} GROUP BY 1, 2
                """).ToListAsync(ct);
            return [.. grouped.Select(g => (Enum.Parse<DeclarationStage>(g.Stage), g.Day, g.Count))];
        }
        var rows = await db.Declarations.AsNoTracking().Where(d => d.CycleYear == cycle).Select(d => new { d.Stage, d.StageEnteredAt }).ToListAsync(ct);
        return [.. rows.GroupBy(r => (r.Stage, Day: DateOnly.FromDateTime(ChinaTime.ToChina(r.StageEnteredAt).DateTime)))
            .Select(g => (g.Key.Stage, g.Key.Day, g.Count()))];
    }

    private sealed record StageEntryDay(string Stage, DateOnly Day, int Count);
}
