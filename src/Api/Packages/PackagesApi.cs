using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Packages;

public sealed record PackageView(
    int CycleYear, string Stage, int Version, IReadOnlyList<string> PermittedActions, PackageTotals Totals,
    IReadOnlyDictionary<string, int> DeclarationsByStage, PackageSnapshot? Snapshot, string? SnapshotSha256);

public sealed record PackageActionRequest(int? ExpectedVersion);

public static class PackagesApi
{
    public static void MapPackagesApi(this IEndpointRouteBuilder app)
    {
        var packages = app.MapGroup("/api/packages").WithTags("packages").RequireAuthorization();
        packages.MapGet("/{cycle:int}", GetAsync);
        packages.MapPost("/{cycle:int}/actions/{action}", ActAsync);

        app.MapGet("/api/dashboard/overdue", OverdueAsync).WithTags("dashboard").RequireAuthorization(PortalPolicies.Office);

        var route = app.MapGroup("/api/route").WithTags("route").AllowAnonymous();
        route.MapGet("/declaration.mmd", () => Results.Text(DeclarationRoute.ToMermaid(), "text/plain; charset=utf-8"));
        route.MapGet("/package.mmd", () => Results.Text(PackageRoute.ToMermaid(), "text/plain; charset=utf-8"));
    }

    private static async Task<Results<Ok<PackageView>, Problem<Status.Forbidden>, Problem<Status.NotFound>>> GetAsync(
        int cycle, HttpContext http, PackageWorkflow workflow, PerfWorkflowDbContext db, CancellationToken ct)
    {
        var actor = http.ToActor();
        if (!actor.Role.MaySeePackage())
        {
            return ApiResults.Problem<Status.Forbidden>(UserRoles.PackageRefusal, "无权查看");
        }
        var package = await workflow.FindAsync(cycle, ct);
        if (package is null)
        {
            return ApiResults.Problem<Status.NotFound>($"预算年度 {cycle} 不存在。", "未找到");
        }
        var byStage = await db.Declarations.AsNoTracking().Where(d => d.CycleYear == cycle)
            .GroupBy(d => d.Stage).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return TypedResults.Ok(new PackageView(
            cycle, package.Stage.ToString(), package.Version, PackageWorkflow.PermittedActions(package, actor),
            await workflow.ComputeTotalsAsync(cycle, ct),
            byStage.ToDictionary(x => x.Key.ToString(), x => x.Count),
            PackageWorkflow.ReadSnapshot(package), package.SnapshotSha256));
    }

    /// <summary>An action on the package; done, the answer is the package as <c>GET</c> shows it then.</summary>
    private static async Task<Results<Results<Ok<PackageView>, Problem<Status.Forbidden>, Problem<Status.NotFound>>, ActionRefusal>> ActAsync(
        int cycle, string action, HttpContext http, PackageWorkflow workflow, PerfWorkflowDbContext db, PackageActionRequest? request, CancellationToken ct)
    {
        var outcome = await workflow.ActAsync(http.ToActor(), cycle, action, request?.ExpectedVersion, ct);
        return outcome is ActionOutcome.Done ? await GetAsync(cycle, http, workflow, db, ct) : ApiResults.Problem(outcome);
    }

    /// <summary>
    /// Declarations still in a stage after its due time, most overdue first, in working days: one page
    /// (<c>page</c> from 1, <c>pageSize</c> up to <see cref="OverdueQuery.MaxPageSize"/>, 100 by default as on the
    /// dashboard) with the total of the whole list.
    /// </summary>
    private static async Task<Results<Ok<OverduePage>, ProblemHttpResult>> OverdueAsync(
        OverdueQuery overdue, int? cycle, string? section, int? page, int? pageSize, CancellationToken ct)
    {
        var number = page ?? 1;
        var size = pageSize ?? OverdueQuery.DefaultPageSize;
        if (number < 1 || size < 1 || size > OverdueQuery.MaxPageSize)
        {
            return TypedResults.Problem(
                $"page 从 1 开始，pageSize 须在 1–{OverdueQuery.MaxPageSize} 之间（默认 {OverdueQuery.DefaultPageSize}）。", statusCode: 400, title: "请求不完整");
        }
        return TypedResults.Ok(await overdue.PageAsync(new DeadlineFilter(cycle, section), number, size, ct));
    }
}
