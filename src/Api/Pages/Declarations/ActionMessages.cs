using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>Chinese words for the route's actions and for why an action was refused.</summary>
public static class ActionMessages
{
    /// <summary>The word for an action, from the one table (<see cref="RouteLabels"/>).</summary>
    public static string Label(string action, DeclarationStage? stage = null) => RouteLabels.Action(action, stage);

    public static string Done(string action) => $"已{Label(action)}。";

    /// <summary>One sentence for a refusal; Invalid's findings are listed separately by the page.</summary>
    public static string Describe(ActionOutcome outcome) => outcome switch
    {
        ActionOutcome.NotFound => "申报表不存在或已被删除。",
        ActionOutcome.Forbidden f => f.Message,
        ActionOutcome.NotPermitted n => n.Message + (n.PermittedActions.Count == 0 ? "" : $"当前可执行：{string.Join("、", n.PermittedActions.Select(a => Label(a)))}。"),
        ActionOutcome.Stale s => $"申报表已被 {s.ChangedBy} 于 {ChinaTimeText(s.ChangedAt)} 修改（当前第 {s.CurrentVersion} 版），您的操作没有执行。",
        ActionOutcome.Invalid i => $"申报表还有 {i.Findings.Count} 处错误，请先修改：",
        ActionOutcome.BadRequest b => b.Message,
        ActionOutcome.TooSoon t => t.Message,
        _ => "操作未完成。",
    };

    public static string ChinaTimeText(DateTimeOffset at) => Workflows.Declarations.DisplayFormat.Time(at);
}
