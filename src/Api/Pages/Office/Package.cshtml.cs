using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using Package = PerfWorkflow.Workflows.Packages.Package;

namespace PerfWorkflow.Api.Pages.Office;

/// <summary>The bureau's package of one cycle: its stage, computed totals, declarations, frozen snapshot and this user's actions.</summary>
[Authorize(Policy = PortalPolicies.Package)]
public sealed class PackageModel(PackageWorkflow workflow, DeclarationWorkflow declarations, PerfWorkflowDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Cycle { get; set; }

    public Package Package { get; private set; } = null!;

    public string? CycleName { get; private set; }

    public PackageTotals Totals { get; private set; } = null!;

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public PackageSnapshot? Snapshot { get; private set; }

    public IReadOnlyList<Member> Declarations { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Sections { get; private set; } = new Dictionary<string, string>();

    /// <summary>Why the last action was refused (409 with the blocking declarations, stale version, …).</summary>
    public string? Refusal { get; private set; }

    public sealed record Member(Guid Id, string Code, string Name, string SectionId, DeclarationStage Stage, decimal AmountYuan, string? ExcludedReason);

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string action, int expectedVersion, CancellationToken ct)
    {
        Cycle ??= await db.OpenCycleAsync(ct);
        var outcome = await workflow.ActAsync(HttpContext.ToActor(), Cycle ?? 0, action, expectedVersion, ct);
        if (outcome is ActionOutcome.Done)
        {
            TempData["Flash"] = $"已{OfficeDisplay.PackageAction(action)}。";
            return RedirectToPage(new { cycle = Cycle });
        }
        (Refusal, Response.StatusCode) = outcome switch
        {
            ActionOutcome.Stale s => ($"申报包已被{s.ChangedBy}于 {OfficeDisplay.Time(s.ChangedAt)} 修改，页面已刷新为最新状态，请确认后再操作。", StatusCodes.Status409Conflict),
            ActionOutcome.NotPermitted p => (p.Message, StatusCodes.Status409Conflict),
            ActionOutcome.Forbidden f => (f.Message, StatusCodes.Status403Forbidden),
            ActionOutcome.BadRequest b => (b.Message, StatusCodes.Status400BadRequest),
            _ => ($"预算年度 {Cycle} 不存在。", StatusCodes.Status404NotFound),
        };
        var status = Response.StatusCode;
        var result = await LoadAsync(ct);
        Response.StatusCode = status;
        return result;
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        (var package, Cycle, CycleName, var refusal) = await this.LoadPackageAsync(workflow, db, Cycle, ct);
        if (refusal is not null || package is null || Cycle is not { } cycle)
        {
            return refusal!;
        }
        Package = package;
        var actor = HttpContext.ToActor();
        Actions = PackageWorkflow.PermittedActions(package, actor);
        Snapshot = PackageWorkflow.ReadSnapshot(package);
        // 区财政局 sees what was sent to it, as the API does: the list through the same visibility rule, the totals of
        // the snapshot frozen at submission (none before), never the bureau's drafts (docs/security.md).
        Totals = await workflow.TotalsVisibleToAsync(actor, package, ct);
        Sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        Declarations = (await declarations.VisibleTo(actor).AsNoTracking().Where(d => d.CycleYear == cycle)
                .Select(d => new Member(d.Id, d.Code, d.Name, d.SectionId, d.Stage, d.CurrentYearAmountYuan, d.ExcludedReason))
                .ToListAsync(ct))
            .OrderBy(d => d.Stage).ThenBy(d => d.SectionId, StringComparer.Ordinal).ThenBy(d => d.Code, StringComparer.Ordinal).ToList();
        return Page();
    }
}
