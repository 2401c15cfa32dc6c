using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Pages;

public sealed class LoginModel(PerfWorkflowDbContext db, IPasswordHasher<AppUser> hasher) : PageModel
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
        var user = await AuthApi.SignInAsync(HttpContext, db, hasher, UserName, Password);
        if (user is null)
        {
            Error = "用户名或密码不正确，请重新输入。";
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
