using Microsoft.AspNetCore.Http.HttpResults;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Declarations;

namespace PerfWorkflow.Api.Tasks;

/// <summary><c>GET /api/tasks?state=open|done</c>: the signed-in user's 待办 or 已办, as the /tasks page lists them.</summary>
public static class TasksApi
{
    public static void MapTasksApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/tasks", ListAsync).WithTags("tasks").RequireAuthorization();

    private static async Task<Results<Ok<IReadOnlyList<TaskItem>>, Problem<Status.BadRequest>>> ListAsync(
        HttpContext http, TaskList tasks, string? state, CancellationToken ct)
    {
        if (state is not (null or "open" or "done"))
        {
            return ApiResults.Problem<Status.BadRequest>("state 只能是 open（待办）或 done（已办）。", "请求不完整");
        }
        return TypedResults.Ok(await tasks.ForAsync(http.ToActor(), state != "done", ct));
    }
}
