using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Packages;

public static class OpenCycle
{
    /// <summary>
    /// The cycle the office is working on when none is chosen: the earliest whose package finance has not yet accepted
    /// (next year's cycle may already be open for drafting), else the latest.
    /// </summary>
    public static async Task<int?> OpenCycleAsync(this PerfWorkflowDbContext db, CancellationToken ct) =>
        await db.BudgetCycles.AsNoTracking()
            .Where(c => !db.Packages.Any(p => p.CycleYear == c.Year && p.Stage == PackageStage.Accepted))
            .OrderBy(c => c.Year).Select(c => (int?)c.Year).FirstOrDefaultAsync(ct)
        ?? await db.BudgetCycles.AsNoTracking().OrderByDescending(c => c.Year).Select(c => (int?)c.Year).FirstOrDefaultAsync(ct);
}
