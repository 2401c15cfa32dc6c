using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using Package = PerfWorkflow.Workflows.Packages.Package;

namespace PerfWorkflow.Api.Pages.Office;

/// <summary>The opening both package pages share (who may see one is their policy, PortalPolicies.Package): which cycle (the open one unless named), its name.</summary>
internal static class PackagePageLoading
{
    /// <summary>The package of <paramref name="cycle"/> (or of the open cycle) and the cycle's name, or the refusal page.</summary>
    public static async Task<(Package? Package, int? Cycle, string? CycleName, IActionResult? Refusal)> LoadPackageAsync(
        this PageModel page, PackageWorkflow workflow, PerfWorkflowDbContext db, int? cycle, CancellationToken ct)
    {
        cycle ??= await db.OpenCycleAsync(ct);
        if (cycle is not { } year || await workflow.FindAsync(year, ct) is not { } package)
        {
            return (null, cycle, null, page.Refuse(StatusCodes.Status404NotFound, $"预算年度 {cycle} 不存在。"));
        }
        var name = await db.BudgetCycles.AsNoTracking().Where(c => c.Year == year).Select(c => c.Name).FirstOrDefaultAsync(ct);
        return (package, cycle, name, null);
    }
}
