using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>One way for the declaration pages to load: another 科室's declaration → the 403 page, an unknown id → 404.</summary>
public static class DeclarationLoading
{
    public static async Task<(Declaration? Declaration, IActionResult? Refusal)> LoadOrRefuseAsync(
        this PageModel page, DeclarationWorkflow workflow, Guid id, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(page.HttpContext.ToActor(), id, ct);
        return declaration is not null
            ? (declaration, null)
            : (null, refusal is ActionOutcome.Forbidden ? page.Forbid() : page.NotFound());
    }
}
