using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>Chinese words for the route's actions and for why an action was refused.</summary>
public static class ActionMessages
{
    public static string Label(string action) => action switch
    {
        ActionNames.Submit => "提交",
        ActionNames.Withdraw => "撤回",
        ActionNames.Accept => "纳入汇总",
        ActionNames.Return => "退回",
        ActionNames.Exclude => "不纳入汇总",
        ActionNames.Include => "重新纳入",
        ActionNames.Approve => "审定",
        ActionNames.Reassign => "转办",
        ActionNames.Claim => "认领",
        "create" => "新建",
        "copy" => "从上年复制",
        "edit" => "修改",
        "remind" => "催办",
        _ => action,
    };

    public static string Done(string action) => $"已{Label(action)}。";

    /// <summary>One sentence for a refusal; Invalid's findings are listed separately by the page.</summary>
    public static string Describe(ActionOutcome outcome) => outcome switch
    {
        ActionOutcome.NotFound => "申报表不存在或已被删除。",
        ActionOutcome.Forbidden f => f.Message,
        ActionOutcome.NotPermitted n => n.Message + (n.PermittedActions.Count == 0 ? "" : $"当前可执行：{string.Join("、", n.PermittedActions.Select(Label))}。"),
        ActionOutcome.Stale s => $"申报表已被 {s.ChangedBy} 于 {ChinaTimeText(s.ChangedAt)} 修改（当前第 {s.CurrentVersion} 版），您的操作没有执行。",
        ActionOutcome.Invalid i => $"申报表还有 {i.Findings.Count} 处错误，请先修改：",
        ActionOutcome.BadRequest b => b.Message,
        ActionOutcome.TooSoon t => t.Message,
        _ => "操作未完成。",
    };

    public static string ChinaTimeText(DateTimeOffset at) =>
        at.ToOffset(PerfWorkflow.Workflows.Route.Calendar.ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
