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

public sealed record OverdueItem(
    Guid DeclarationId, string Code, string Name, string SectionId, string Stage, DateTimeOffset DueAt, int WorkingDaysOverdue,
    string? Assignee, bool DueIsProvisional);

public static class PackagesApi
{
    public static void MapPackagesApi(this IEndpointRouteBuilder app)
    {
        var packages = app.MapGroup("/api/packages").WithTags("packages").RequireAuthorization();
        packages.MapGet("/{cycle:int}", GetAsync);
        packages.MapPost("/{cycle:int}/actions/{action}", ActAsync);

        app.MapGet("/api/dashboard/overdue", OverdueAsync).WithTags("dashboard").RequireAuthorization("Office");

        var route = app.MapGroup("/api/route").WithTags("route").AllowAnonymous();
        route.MapGet("/declaration.mmd", () => Results.Text(DeclarationRoute.ToMermaid(), "text/plain; charset=utf-8"));
        route.MapGet("/package.mmd", () => Results.Text(PackageRoute.ToMermaid(), "text/plain; charset=utf-8"));
    }

    private static async Task<IResult> GetAsync(int cycle, HttpContext http, PackageWorkflow workflow, PerfWorkflowDbContext db, CancellationToken ct)
    {
        var actor = http.ToActor();
        if (actor.Role is UserRole.SectionDrafter or UserRole.SectionHead)
        {
            return TypedResults.Problem("全局申报包只对办公室、局领导和区财政局开放。", statusCode: 403, title: "无权查看");
        }
        var package = await workflow.FindAsync(cycle, ct);
        if (package is null)
        {
            return TypedResults.Problem($"预算年度 {cycle} 不存在。", statusCode: 404, title: "未找到");
        }
        var byStage = await db.Declarations.AsNoTracking().Where(d => d.CycleYear == cycle)
            .GroupBy(d => d.Stage).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return TypedResults.Ok(new PackageView(
            cycle, package.Stage.ToString(), package.Version, PackageWorkflow.PermittedActions(package, actor),
            await workflow.ComputeTotalsAsync(cycle, ct),
            byStage.ToDictionary(x => x.Key.ToString(), x => x.Count),
            PackageWorkflow.ReadSnapshot(package), package.SnapshotSha256));
    }

    private static async Task<IResult> ActAsync(int cycle, string action, HttpContext http, PackageWorkflow workflow, PackageActionRequest? request, CancellationToken ct)
    {
        var outcome = await workflow.ActAsync(http.ToActor(), cycle, action, request?.ExpectedVersion, ct);
        return outcome is ActionOutcome.Done
            ? await GetAsync(cycle, http, workflow, http.RequestServices.GetRequiredService<PerfWorkflowDbContext>(), ct)
            : ApiResults.Problem(outcome);
    }

    /// <summary>Declarations still in a stage after its due time, most overdue first, in working days.</summary>
    private static async Task<IResult> OverdueAsync(
        PerfWorkflowDbContext db, Workflows.Route.Calendar.IWorkingDayCalendar calendar, TimeProvider clock, int? cycle, string? section, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = db.Declarations.AsNoTracking().Where(d => d.DueAt != null && d.DueAt < now
            && d.Stage != DeclarationStage.Finalized && d.Stage != DeclarationStage.Excluded);
        if (cycle is not null)
        {
            query = query.Where(d => d.CycleYear == cycle);
        }
        if (!string.IsNullOrEmpty(section))
        {
            query = query.Where(d => d.SectionId == section);
        }
        var rows = await query.OrderBy(d => d.DueAt).Take(1000)
            .Select(d => new { d.Id, d.Code, d.Name, d.SectionId, d.Stage, d.DueAt, d.DueIsProvisional })
            .ToListAsync(ct);
        var ids = rows.Select(r => (Guid?)r.Id).ToList();
        var assignees = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.DeclarationId) && t.CompletedAt == null)
            .Select(t => new { t.DeclarationId, t.AssigneeName, t.CandidateRole }).ToListAsync(ct);
        var today = Workflows.Route.Calendar.ChinaTime.Today(clock);
        return TypedResults.Ok(rows.Select(r => new OverdueItem(
            r.Id, r.Code, r.Name, r.SectionId, r.Stage.ToString(), r.DueAt!.Value,
            Math.Max(1, calendar.WorkingDaysBetween(DateOnly.FromDateTime(Workflows.Route.Calendar.ChinaTime.ToChina(r.DueAt.Value).DateTime), today)),
            assignees.FirstOrDefault(a => a.DeclarationId == r.Id) is { } a ? a.AssigneeName ?? a.CandidateRole.ToString() : null,
            r.DueIsProvisional)));
    }
}
