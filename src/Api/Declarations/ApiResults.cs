// The answers of a refused ActionOutcome, named once for every endpoint's Results<…> (see ApiResults).
global using ActionRefusal = Microsoft.AspNetCore.Http.HttpResults.Results<
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.NotFound>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.Forbidden>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.Conflict>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.UnprocessableEntity>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.TooManyRequests>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.BadRequest>>;
global using NotFoundOrForbidden = Microsoft.AspNetCore.Http.HttpResults.Results<
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.NotFound>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.Forbidden>>;

using Microsoft.AspNetCore.Mvc;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Declarations;

/// <summary>
/// One mapping from a refused action to its HTTP answer (ProblemDetails with what to do next), typed by status so that
/// each endpoint's <c>Results&lt;…&gt;</c> documents its answers in OpenAPI: <see cref="NotFoundOrForbidden"/> for a declaration
/// the caller may not see (<see cref="DeclarationWorkflow.LoadAsync"/>), <see cref="ActionRefusal"/> for any refusal.
/// </summary>
public static class ApiResults
{
    /// <summary>A refused action: every status an <see cref="ActionOutcome"/> maps to (<see cref="Details"/>).</summary>
    public static ActionRefusal Problem(ActionOutcome outcome)
    {
        var details = Details(outcome);
        return outcome switch
        {
            ActionOutcome.NotFound => new Problem<Status.NotFound>(details),
            ActionOutcome.Forbidden => new Problem<Status.Forbidden>(details),
            ActionOutcome.NotPermitted or ActionOutcome.Stale => new Problem<Status.Conflict>(details),
            ActionOutcome.Invalid => new Problem<Status.UnprocessableEntity>(details),
            ActionOutcome.TooSoon => new Problem<Status.TooManyRequests>(details),
            ActionOutcome.BadRequest => new Problem<Status.BadRequest>(details),
            _ => throw new InvalidOperationException($"No HTTP mapping for {outcome.GetType().Name}"),
        };
    }

    /// <summary>The refusal of <see cref="DeclarationWorkflow.LoadAsync"/>: the declaration does not exist, or the caller may not see it.</summary>
    public static NotFoundOrForbidden Refusal(ActionOutcome refusal) => refusal switch
    {
        ActionOutcome.NotFound => new Problem<Status.NotFound>(Details(refusal)),
        ActionOutcome.Forbidden => new Problem<Status.Forbidden>(Details(refusal)),
        _ => throw new InvalidOperationException($"A declaration is not loaded for {refusal.GetType().Name}, only NotFound or Forbidden."),
    };

    /// <summary>A ProblemDetails answer of <typeparamref name="TStatus"/>, as <c>TypedResults.Problem(detail, statusCode: …, title: title)</c>.</summary>
    public static Problem<TStatus> Problem<TStatus>(string detail, string title, Dictionary<string, object?>? extensions = null)
        where TStatus : IHttpStatus => new(Make(TStatus.Code, title, detail, extensions));

    /// <summary>200 with a body in the declaration's JSON (<see cref="DeclarationJson.Options"/>).</summary>
    public static DeclarationJsonResult<Status.Ok, TValue> Json<TValue>(TValue value) => new(value);

    /// <summary>201 with a body in the declaration's JSON (<see cref="DeclarationJson.Options"/>).</summary>
    public static DeclarationJsonResult<Status.Created, TValue> JsonCreated<TValue>(TValue value) => new(value);

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
