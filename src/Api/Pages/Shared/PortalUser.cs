using System.Security.Claims;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Api.Pages;

/// <summary>What the header and navigation need to know about the signed-in user.</summary>
public sealed record PortalUser(string DisplayName, UserRole Role, string? SectionId, string? SectionName)
{
    public static PortalUser? From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Enum.TryParse<UserRole>(user.FindFirstValue(ClaimTypes.Role), out var role)
            ? new PortalUser(user.FindFirstValue(AuthExtensions.DisplayNameClaim) ?? user.Identity.Name ?? "", role, user.FindFirstValue(AuthExtensions.SectionClaim), user.FindFirstValue(AuthExtensions.SectionNameClaim))
            : null;

    public string RoleLabel => RoleLabels.Of(Role);

    /// <summary>Each role's own start page (<c>/</c> sends them there).</summary>
    public string HomePath => Role switch
    {
        UserRole.SectionDrafter or UserRole.SectionHead => "/declarations",
        UserRole.Office => "/dashboard",
        UserRole.Admin => "/admin",
        UserRole.BureauLeader => "/tasks",
        UserRole.FinanceLiaison => "/package",
        _ => "/declarations",
    };

    /// <summary>Navigation entries for this role: (path, label).</summary>
    public IReadOnlyList<(string Path, string Label)> Navigation => Role switch
    {
        UserRole.SectionDrafter or UserRole.SectionHead =>
            [("/declarations", "我的申报"), ("/declarations/new", "新建申报"), ("/imports", "导入"), ("/tasks", "待办/已办"), ("/help", "流程说明")],
        UserRole.Office =>
            [("/dashboard", "办公室看板"), ("/tasks", "待办/已办"), ("/declarations", "全部申报"), ("/package", "全局申报包"), ("/imports", "导入"), ("/admin/mail", "邮件投递"), ("/help", "流程说明")],
        UserRole.BureauLeader =>
            [("/tasks", "待办/已办"), ("/package", "全局申报包"), ("/declarations", "全部申报"), ("/help", "流程说明")],
        UserRole.FinanceLiaison =>
            [("/package", "报送的申报包"), ("/declarations", "申报表"), ("/help", "流程说明")],
        _ =>
            [("/admin", "系统管理"), ("/admin/mail", "邮件投递"), ("/admin/dead-letters", "死信消息"), ("/admin/calendar", "工作日历"),
             ("/dashboard", "办公室看板"), ("/declarations", "全部申报"), ("/package", "全局申报包"), ("/hangfire", "后台任务"), ("/help", "流程说明")],
    };
}

public static class RoleLabels
{
    public static string Of(UserRole role) => role switch
    {
        UserRole.SectionDrafter => "科室经办人",
        UserRole.SectionHead => "科室负责人",
        UserRole.Office => "办公室",
        UserRole.BureauLeader => "局领导",
        UserRole.FinanceLiaison => "区财政局联络",
        UserRole.Admin => "系统管理员",
        _ => role.ToString(),
    };
}
