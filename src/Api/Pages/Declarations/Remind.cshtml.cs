using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>催办 from the portal (a declaration's page or the dashboard): sends it, then back to the page it came from with the result.</summary>
public sealed class RemindModel(DeclarationUrging urging) : PageModel
{
    public IActionResult OnGet(Guid id) => Redirect($"/declarations/{id}");

    public async Task<IActionResult> OnPostAsync(Guid id, string? comment, string? returnUrl, CancellationToken ct)
    {
        var outcome = await urging.UrgeAsync(HttpContext.ToActor(), id, comment, ct);
        if (outcome is ActionOutcome.NotFound)
        {
            return NotFound();
        }
        TempData["Flash"] = outcome is ActionOutcome.Done
            ? "已催办：当前办理人将收到【催办】邮件，催办已记入办理记录。"
            : "未催办：" + ActionMessages.Describe(outcome);
        return Redirect(Url.IsLocalUrl(returnUrl) ? returnUrl : $"/declarations/{id}");
    }
}
