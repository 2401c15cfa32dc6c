using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Auth;

namespace PerfWorkflow.Api.Pages;

public sealed class LoginModel(SignInService signIn) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (outcome, _) = await signIn.SignInAsync(HttpContext, UserName, Password);
        if (outcome != SignInOutcome.SignedIn)
        {
            Error = outcome == SignInOutcome.Throttled ? SignInMessages.Throttled : SignInMessages.Refused;
            if (outcome == SignInOutcome.Throttled)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
            }
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
