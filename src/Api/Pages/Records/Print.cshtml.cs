using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Pages.Office;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Records;

/// <summary>A declaration laid out like the official 二级项目支出绩效目标申报表, for A4 printing.</summary>
public sealed class PrintModel(DeclarationWorkflow workflow, PerfWorkflowDbContext db) : PageModel
{
    public Declaration Declaration { get; private set; } = null!;

    public DeclarationForm Form { get; private set; } = null!;

    public string SectionName { get; private set; } = "";

    /// <summary>Indicator rows grouped by 一级指标, so the first column spans its rows as on the paper form.</summary>
    public IReadOnlyList<IGrouping<string, IndicatorRow>> IndicatorGroups { get; private set; } = [];

    public DateTimeOffset PrintedAt { get; private set; }

    /// <summary>When the 科室 last submitted this form (the 填报日期 of the official block); null for a draft never submitted.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(HttpContext.ToActor(), id, ct);
        if (declaration is null)
        {
            return this.Refuse(refusal!);
        }
        Declaration = declaration;
        Form = declaration.ReadForm();
        SectionName = await db.Sections.AsNoTracking().Where(s => s.Id == declaration.SectionId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? declaration.SectionId;
        IndicatorGroups = Form.Indicators.GroupBy(r => r.Level1).ToList();
        PrintedAt = clock.GetUtcNow();
        SubmittedAt = await db.DeclarationVersions.AsNoTracking()
            .Where(v => v.DeclarationId == id && v.Reason == VersionReason.Submitted)
            .OrderByDescending(v => v.Number).Select(v => (DateTimeOffset?)v.CreatedAt).FirstOrDefaultAsync(ct);
        return Page();
    }

    public static string YesNo(bool? value) => value switch { true => "是", false => "否", null => "" };
}
