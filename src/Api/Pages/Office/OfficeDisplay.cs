using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Pages.Office;

/// <summary>How amounts, times, stages and actions read on the office's pages (zh-CN).</summary>
public static class OfficeDisplay
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>元 stored, 万元 shown; exact to the 元 (four decimals), never rounded away.</summary>
    public static string WanYuan(decimal yuan) => (yuan / 10000m).ToString("#,##0.00##", Chinese);

    public static string WanYuan(decimal? yuan) => yuan is { } v ? WanYuan(v) : "—";

    /// <summary>A figure already in 万元 (the diff's key figures), with its sign when asked.</summary>
    public static string Wan(decimal? wanYuan, bool signed = false) =>
        wanYuan is { } v ? (signed && v > 0 ? "+" : "") + v.ToString("#,##0.00##", Chinese) : "—";

    public static string Time(DateTimeOffset at) => ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A date as official forms write it: 2026年11月26日.</summary>
    public static string ChineseDate(DateTimeOffset at) => ChinaTime.ToChina(at).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => ChinaTime.ToChina(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Stage(string? stage) => stage is null ? "—" : StageLabels.TryGet(stage, out var label) ? label : PackageStage(stage);

    public static string PackageStage(string stage) =>
        Enum.TryParse<Workflows.Route.PackageStage>(stage, out var known) ? PackageWorkflow.StageLabel(known) : stage;

    /// <summary>The audit trail's wire action names, as a user reads them.</summary>
    public static string Action(string action) => action switch
    {
        "create" => "创建",
        "copy" => "从上年复制",
        "edit" => "修改",
        "submit" => "提交",
        "withdraw" => "撤回",
        "accept" => "通过",
        "return" => "退回",
        "exclude" => "不纳入汇总",
        "include" => "重新纳入汇总",
        "approve" => "审定",
        "reassign" => "转办",
        "claim" => "认领",
        "remind" => "催办",
        "submit-to-finance" => "报送区财政",
        _ => action,
    };

    /// <summary>Package actions as buttons: the wire name and the verb on the button.</summary>
    public static string PackageAction(string action) => action switch
    {
        "submit" => "报局审核",
        "approve" => "审定",
        "submit-to-finance" => "报送区财政",
        "accept" => "审核通过",
        _ => action,
    };

    /// <summary>Who holds a task: the person, or the candidate group (role and 科室).</summary>
    public static string Holder(OverdueItem item, IReadOnlyDictionary<string, string> sections) =>
        item.CandidateRole is { } role
            ? RoleLabels.Of(role) + (item.CandidateSectionId is { } s ? "·" + sections.GetValueOrDefault(s, s) : "") + "（待认领）"
            : item.Assignee ?? "—";

    public static bool IsSection(UserRole role) => role is UserRole.SectionDrafter or UserRole.SectionHead;

    /// <summary>The refusal page with its real status code (403/404) at the same address, not a redirect.</summary>
    public static IActionResult Refuse(this PageModel page, int status, string message)
    {
        page.ViewData["Title"] = status == StatusCodes.Status404NotFound ? "未找到" : "无权访问";
        return new ViewResult
        {
            ViewName = "/Pages/Office/_Refusal.cshtml",
            ViewData = new ViewDataDictionary<string>(page.ViewData, message),
            StatusCode = status,
        };
    }

    /// <summary>A declaration the user may not open (another 科室, or not yet sent to finance) or that does not exist.</summary>
    public static IActionResult Refuse(this PageModel page, ActionOutcome refusal) => refusal switch
    {
        ActionOutcome.Forbidden f => page.Refuse(StatusCodes.Status403Forbidden, f.Message),
        _ => page.Refuse(StatusCodes.Status404NotFound, "没有这张申报表，或它已被删除。"),
    };
}
