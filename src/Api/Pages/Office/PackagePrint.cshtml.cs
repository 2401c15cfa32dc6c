using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Pages.Records;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using Package = PerfWorkflow.Workflows.Packages.Package;

namespace PerfWorkflow.Api.Pages.Office;

/// <summary>
/// The bureau's package for A4 printing: a cover sheet (bureau, cycle, the package's stage, totals by 项目类型 and by 科室,
/// a list of the declarations), then each declaration as its official form on a page of its own. Who may see what is
/// the package page's rule: no 科室; 区财政局 the declarations sent to it and the totals frozen at submission.
/// </summary>
[Authorize(Policy = PortalPolicies.Package)]
public sealed class PackagePrintModel(PackageWorkflow workflow, DeclarationWorkflow declarations, PerfWorkflowDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Cycle { get; set; }

    public Package Package { get; private set; } = null!;

    public string? CycleName { get; private set; }

    /// <summary>The bureau as its declarations name their 一级预算单位 (the most frequent), else the bureau's own unit.</summary>
    public string Bureau { get; private set; } = "";

    public PackageTotals Totals { get; private set; } = null!;

    public IReadOnlyList<PrintSheet> Sheets { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Sections { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = HttpContext.ToActor();
        (var package, Cycle, CycleName, var refusal) = await this.LoadPackageAsync(workflow, db, Cycle, ct);
        if (refusal is not null || package is null || Cycle is not { } cycle)
        {
            return refusal!;
        }
        Package = package;
        Totals = await workflow.TotalsVisibleToAsync(actor, package, ct);
        Sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        // The package's members (不纳入汇总 is not part of it) through the same visibility rule as the package page.
        var members = (await declarations.VisibleTo(actor).AsNoTracking()
                .Where(d => d.CycleYear == cycle && d.Stage != DeclarationStage.Excluded).ToListAsync(ct))
            .OrderBy(d => d.SectionId, StringComparer.Ordinal).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        Sheets = await PrintSheet.ForAsync(db, members, ct);
        Bureau = Sheets.Select(s => s.Form.BudgetUnit.Trim()).Where(u => u.Length > 0)
            .GroupBy(u => u).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault()
            ?? Declarations.NewModel.BureauUnit;
        return Page();
    }
}
