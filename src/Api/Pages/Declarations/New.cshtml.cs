using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>新建申报: a blank form, or a copy of one of the 科室's declarations of an earlier cycle, in the open cycle.</summary>
[Authorize(Policy = PortalPolicies.Section)]
public sealed class NewModel(DeclarationWorkflow workflow, PerfWorkflowDbContext db) : PageModel
{
    /// <summary>申请单位 and 一级预算单位 are system-filled ("系统自动带出").</summary>
    public const string BureauUnit = "深圳市福田区工业和信息化局（本级）";

    public sealed record Source(Guid Id, int CycleYear, string Name, string Code, string Stage);

    public int? OpenCycle { get; private set; }

    public string? OpenCycleName { get; private set; }

    public IReadOnlyList<Source> Sources { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>Why the open cycle takes no new declaration (its package has left 汇总中); the buttons show disabled with it.</summary>
    public string? Frozen { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostBlankAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (OpenCycle is not { } year)
        {
            return Page();
        }
        // Optional categories start as 不适用; the editor offers a blank row for each mandatory one.
        var form = new DeclarationForm
        {
            ApplicantUnit = BureauUnit,
            BudgetUnit = BureauUnit,
            Indicators = IndicatorSkeleton.Categories.Where(c => !c.Mandatory).Select(c => IndicatorSkeleton.NotApplicableRow(c.Level1, c.Level2)).ToList(),
        };
        return Created(await workflow.CreateAsync(HttpContext.ToActor(), year, form, ct));
    }

    public async Task<IActionResult> OnPostCopyAsync(Guid source, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (OpenCycle is not { } year)
        {
            return Page();
        }
        return Created(await workflow.CopyAsync(HttpContext.ToActor(), source, year, ct));
    }

    private IActionResult Created(ActionOutcome outcome)
    {
        switch (outcome)
        {
            case ActionOutcome.Done { Declaration: { } d }:
                TempData["Flash"] = "已新建申报表，请填写后保存草稿。";
                return Redirect($"/declarations/{d.Id}/edit");
            case ActionOutcome.Forbidden:
                return Forbid();
            default:
                Error = ActionMessages.Describe(outcome);
                return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var cycle = await db.BudgetCycles.AsNoTracking().OrderByDescending(c => c.Year).FirstOrDefaultAsync(ct);
        OpenCycle = cycle?.Year;
        OpenCycleName = cycle?.Name;
        if (cycle is null)
        {
            Error = "目前没有开放的预算年度，暂不能新建申报。请联系办公室。";
            return;
        }
        Frozen = DeclarationWorkflow.FrozenPackageReason(await db.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.CycleYear == cycle.Year, ct));
        var earlier = await workflow.VisibleTo(HttpContext.ToActor()).AsNoTracking()
            .Where(d => d.CycleYear < cycle.Year).OrderByDescending(d => d.CycleYear).ThenBy(d => d.Name).ToListAsync(ct);
        Sources = earlier.Select(d => new Source(d.Id, d.CycleYear, d.Name, d.Code, StageLabels.For(d.Stage.ToString()))).ToList();
    }
}
