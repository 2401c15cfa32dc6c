using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PerfWorkflow.Api.Hosting;

/// <summary>
/// A body the endpoint could not bind (wrong JSON type, malformed JSON, too large) is the client's mistake: 400/413
/// ProblemDetails naming the field, in Chinese, never a 500 (docs/security.md).
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var json = FindJsonException(bad);
        var field = json?.Path is { Length: > 0 } path ? path.TrimStart('$').TrimStart('.') : null;
        var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? "请求体超过允许的大小。"
            : field is { Length: > 0 }
                ? $"字段 {field} 的类型或格式不正确。"
                : "请求体不是有效的 JSON，或字段类型不正确。";
        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = new ProblemDetails { Status = bad.StatusCode, Title = "请求格式错误", Detail = detail };
        if (field is { Length: > 0 })
        {
            problem.Extensions["field"] = field;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException json)
            {
                return json;
            }
        }
        return null;
    }
}
