using Microsoft.AspNetCore.Mvc;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Declarations;

/// <summary>One mapping from a refused action to its HTTP answer (ProblemDetails with what to do next).</summary>
public static class ApiResults
{
    public static IResult Problem(ActionOutcome outcome) => TypedResults.Problem(Details(outcome));

    /// <summary>The ProblemDetails of a refusal: the answer of a single action, and one row of a batch's answer.</summary>
    public static ProblemDetails Details(ActionOutcome outcome) => outcome switch
    {
        ActionOutcome.NotFound => Make(StatusCodes.Status404NotFound, "未找到", "申报表不存在。"),
        ActionOutcome.Forbidden f => Make(StatusCodes.Status403Forbidden, "无权操作", f.Message),
        ActionOutcome.NotPermitted n => Make(
            StatusCodes.Status409Conflict, "当前阶段不允许此操作", n.Message,
            new Dictionary<string, object?> { ["stage"] = n.Stage, ["permittedActions"] = n.PermittedActions }),
        ActionOutcome.Stale s => Make(
            StatusCodes.Status409Conflict, "版本已过期",
            $"申报表已被 {s.ChangedBy} 于 {DisplayFormat.Time(s.ChangedAt)} 修改（当前版本 {s.CurrentVersion}）。请刷新后在最新版本上重新操作，您的输入不会被自动覆盖。",
            new Dictionary<string, object?> { ["currentVersion"] = s.CurrentVersion, ["changedBy"] = s.ChangedBy, ["changedAt"] = s.ChangedAt }),
        ActionOutcome.Invalid i => Make(
            StatusCodes.Status422UnprocessableEntity, "校验未通过", $"申报表还有 {i.Findings.Count} 处错误，修改后才能继续。",
            new Dictionary<string, object?> { ["findings"] = i.Findings }),
        ActionOutcome.TooSoon t => Make(StatusCodes.Status429TooManyRequests, "今天已催办", t.Message),
        ActionOutcome.BadRequest b => Make(StatusCodes.Status400BadRequest, "请求不完整", b.Message),
        _ => throw new InvalidOperationException($"No HTTP mapping for {outcome.GetType().Name}"),
    };

    private static ProblemDetails Make(int status, string title, string detail, Dictionary<string, object?>? extensions = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? [])
        {
            problem.Extensions[key] = value;
        }
        return problem;
    }
}
