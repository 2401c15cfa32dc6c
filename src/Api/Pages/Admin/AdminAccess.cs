using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Pages.Office;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Api.Pages.Admin;

/// <summary>Who may open the admin pages: the admin; the office may also read the mail failures (it chases the 科室).</summary>
public static class AdminAccess
{
    /// <summary>Null when the user is an admin, else the 403 page.</summary>
    public static IActionResult? RefuseUnlessAdmin(this PageModel page) =>
        PortalUser.From(page.User)?.Role == UserRole.Admin
            ? null
            : page.Refuse(StatusCodes.Status403Forbidden, "系统管理页面只对系统管理员开放。");

    /// <summary>Null when the user is an admin or the office, else the 403 page.</summary>
    public static IActionResult? RefuseUnlessAdminOrOffice(this PageModel page) =>
        PortalUser.From(page.User)?.Role is UserRole.Admin or UserRole.Office
            ? null
            : page.Refuse(StatusCodes.Status403Forbidden, "邮件投递记录只对系统管理员和办公室开放。");
}
