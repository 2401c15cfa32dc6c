using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PerfWorkflow.Api.Pages;

/// <summary><c>/</c> takes each role to its own home.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(PortalUser.From(User)?.HomePath ?? "/login");
}
