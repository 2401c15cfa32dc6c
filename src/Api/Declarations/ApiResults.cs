using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Declarations;

/// <summary>One mapping from a refused action to its HTTP answer (ProblemDetails with what to do next).</summary>
public static class ApiResults
{
    public static IResult Problem(ActionOutcome outcome) => outcome switch
    {
        ActionOutcome.NotFound => TypedResults.Problem("申报表不存在。", statusCode: StatusCodes.Status404NotFound, title: "未找到"),
        ActionOutcome.Forbidden f => TypedResults.Problem(f.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
        ActionOutcome.NotPermitted n => TypedResults.Problem(
            n.Message, statusCode: StatusCodes.Status409Conflict, title: "当前阶段不允许此操作",
            extensions: new Dictionary<string, object?> { ["stage"] = n.Stage, ["permittedActions"] = n.PermittedActions }),
        ActionOutcome.Stale s => TypedResults.Problem(
            $"申报表已被 {s.ChangedBy} 于 {DisplayFormat.Time(s.ChangedAt)} 修改（当前版本 {s.CurrentVersion}）。请刷新后在最新版本上重新操作，您的输入不会被自动覆盖。",
            statusCode: StatusCodes.Status409Conflict, title: "版本已过期",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = s.CurrentVersion, ["changedBy"] = s.ChangedBy, ["changedAt"] = s.ChangedAt }),
        ActionOutcome.Invalid i => TypedResults.Problem(
            $"申报表还有 {i.Findings.Count} 处错误，修改后才能继续。", statusCode: StatusCodes.Status422UnprocessableEntity, title: "校验未通过",
            extensions: new Dictionary<string, object?> { ["findings"] = i.Findings }),
        ActionOutcome.BadRequest b => TypedResults.Problem(b.Message, statusCode: StatusCodes.Status400BadRequest, title: "请求不完整"),
        _ => throw new InvalidOperationException($"No HTTP mapping for {outcome.GetType().Name}"),
    };
}
