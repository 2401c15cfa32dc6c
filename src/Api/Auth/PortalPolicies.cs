using System.Security.Claims;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Api.Auth;

/// <summary>
/// The authorization policies of pages and endpoints, and what the 无权访问 page says when one refuses: a page names
/// its policy (<c>[Authorize(Policy = …)]</c> or <c>RequireAuthorization</c>) and never checks a role by hand.
/// </summary>
public static class PortalPolicies
{
    /// <summary>办公室 and the admin: the dashboard, the mail delivery log, the office's JSON endpoints.</summary>
    public const string Office = "Office";

    /// <summary>The admin only: system administration.</summary>
    public const string Admin = "Admin";

    /// <summary>办公室 staff only: their own 【待审核】 notification settings (the admin receives no review notices).</summary>
    public const string OfficeStaff = "OfficeStaff";

    /// <summary>科室经办人 and 科室负责人 (<see cref="UserRoles.IsSection"/>): new declarations are created by a 科室.</summary>
    public const string Section = "Section";

    /// <summary>Everyone but a 科室 (<see cref="UserRoles.MaySeePackage"/>): the bureau's package and its print.</summary>
    public const string Package = "Package";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder policies) => policies
        .AddPolicy(Office, p => p.RequireRole(nameof(UserRole.Office), nameof(UserRole.Admin)))
        .AddPolicy(Admin, p => p.RequireRole(nameof(UserRole.Admin)))
        .AddPolicy(OfficeStaff, p => p.RequireRole(nameof(UserRole.Office)))
        .AddPolicy(Section, p => p.RequireAssertion(c => RoleOf(c.User) is { } role && role.IsSection()))
        .AddPolicy(Package, p => p.RequireAssertion(c => RoleOf(c.User) is { } role && role.MaySeePackage()));

    private static UserRole? RoleOf(ClaimsPrincipal user) =>
        Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    /// <summary>The sentence of the 无权访问 page for a refused address (its <c>ReturnUrl</c>), most specific first.</summary>
    private static readonly (string Prefix, string Message)[] Refusals =
    [
        ("/admin/mail", "邮件投递记录只对系统管理员和办公室开放。"),
        ("/admin", "系统管理页面只对系统管理员开放。"),
        ("/dashboard", "办公室看板只对办公室和系统管理员开放。"),
        ("/package", UserRoles.PackageRefusal),
        ("/account/notifications", "通知设置只对办公室人员开放：它决定【待审核】邮件如何送达。"),
        ("/declarations/new", "新建申报表由科室经办人或科室负责人办理；办公室可在申报表列表中查看和办理各科室的申报表。"),
        ("/declarations/", "这张申报表属于其他科室，您不能查看或办理。如确需查看，请联系办公室。"),
    ];

    public static string RefusalFor(string? returnUrl)
    {
        var path = (returnUrl ?? "").Split('?', '#')[0];
        foreach (var (prefix, message) in Refusals)
        {
            if (path.Equals(prefix.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(prefix.EndsWith('/') ? prefix : prefix + "/", StringComparison.OrdinalIgnoreCase))
            {
                return message;
            }
        }
        return "您当前的角色不能打开这个页面。如需办理，请联系办公室或系统管理员。";
    }
}
