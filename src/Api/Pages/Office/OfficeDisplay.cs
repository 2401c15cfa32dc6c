using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Office;

/// <summary>How amounts, times, stages and actions read on the office's pages (zh-CN).</summary>
public static class OfficeDisplay
{
    /// <summary>元 stored, 万元 shown (<see cref="DisplayFormat"/>).</summary>
    public static string WanYuan(decimal yuan) => DisplayFormat.WanYuan(yuan);

    public static string WanYuan(decimal? yuan) => DisplayFormat.WanYuan(yuan);

    /// <summary>A figure already in 万元 (the diff's key figures), with its sign when asked.</summary>
    public static string Wan(decimal? wanYuan, bool signed = false) => DisplayFormat.Wan(wanYuan, signed);

    public static string Time(DateTimeOffset at) => DisplayFormat.Time(at);

    /// <summary>A date as official forms write it: 2026年11月26日.</summary>
    public static string ChineseDate(DateTimeOffset at) => DisplayFormat.ChineseDate(at);

    public static string Date(DateTimeOffset at) => DisplayFormat.Date(at);

    public static string Stage(string? stage) => stage is null ? "—" : StageLabels.TryGet(stage, out var label) ? label : PackageStage(stage);

    public static string PackageStage(string stage) =>
        Enum.TryParse<Workflows.Route.PackageStage>(stage, out var known) ? PackageWorkflow.StageLabel(known) : stage;

    /// <summary>The audit trail's wire action names, as a user reads them.</summary>
    public static string Action(string action) => RouteLabels.Action(action);

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
