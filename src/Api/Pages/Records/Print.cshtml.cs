using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Pages.Office;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Records;

/// <summary>A declaration laid out like the official 二级项目支出绩效目标申报表 (<see cref="PrintSheet"/>), for A4 printing.</summary>
public sealed class PrintModel(DeclarationWorkflow workflow, PerfWorkflowDbContext db) : PageModel
{
    public Declaration Declaration { get; private set; } = null!;

    public DeclarationForm Form => Sheet.Form;

    public PrintSheet Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(HttpContext.ToActor(), id, ct);
        if (declaration is null)
        {
            return this.Refuse(refusal!);
        }
        Declaration = declaration;
        Sheet = (await PrintSheet.ForAsync(db, [declaration], ct))[0];
        return Page();
    }
}
