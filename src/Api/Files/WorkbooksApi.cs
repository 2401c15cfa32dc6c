using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Declarations;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Export;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Files;

/// <summary>The form's workbook (docs/architecture.md §8): a declaration, and the bureau's package with its 汇总表.</summary>
public static class WorkbooksApi
{
    public static void MapWorkbooksApi(this IEndpointRouteBuilder app)
    {
        // A file answer documents no 200 of its own (only its problems would be listed).
        app.MapGet("/api/declarations/{id:guid}/xlsx", DeclarationAsync).WithTags("declarations").RequireAuthorization()
            .Produces<Stream>(StatusCodes.Status200OK, DeclarationWorkbook.ContentType);
        app.MapGet("/api/packages/{cycle:int}/xlsx", PackageAsync).WithTags("packages").RequireAuthorization()
            .Produces<Stream>(StatusCodes.Status200OK, DeclarationWorkbook.ContentType);
    }

    private static async Task<Results<FileStreamHttpResult, NotFoundOrForbidden>> DeclarationAsync(
        Guid id, HttpContext http, DeclarationWorkflow workflow, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(http.ToActor(), id, ct);
        if (declaration is null)
        {
            return ApiResults.Refusal(refusal!);
        }
        var form = declaration.ReadForm();
        // A form is tens of KB: written in memory, so no temporary file is ever left behind.
        var buffer = new MemoryStream();
        DeclarationWorkbook.WriteDeclaration(buffer, form);
        buffer.Position = 0;
        return TypedResults.File(buffer, DeclarationWorkbook.ContentType, FileName($"{declaration.CycleYear}年度申报表-{Or(form.Code, "无编码")}-{Or(form.Name, "未命名")}"));
    }

    private static async Task<Results<FileContentHttpResult, NotFoundOrForbidden>> PackageAsync(
        int cycle, HttpContext http, PackageWorkflow packages, DeclarationWorkflow workflow, PerfWorkflowDbContext db, CancellationToken ct)
    {
        var workbook = await PackageWorkbookAsync(cycle, http, packages, workflow, db, ct);
        return workbook.Problem is { } problem ? problem : TypedResults.File(workbook.Bytes!, DeclarationWorkbook.ContentType, workbook.FileName);
    }

    /// <summary>The package workbook (office side only), shared by the .xlsx and the .zip with attachments.</summary>
    internal static async Task<(byte[]? Bytes, string? FileName, NotFoundOrForbidden? Problem)> PackageWorkbookAsync(
        int cycle, HttpContext http, PackageWorkflow packages, DeclarationWorkflow workflow, PerfWorkflowDbContext db, CancellationToken ct)
    {
        var actor = http.ToActor();
        if (!actor.Role.MaySeePackage())
        {
            return (null, null, ApiResults.Problem<Status.Forbidden>(UserRoles.PackageRefusal, "无权查看"));
        }
        if (await packages.FindAsync(cycle, ct) is null)
        {
            return (null, null, ApiResults.Problem<Status.NotFound>($"预算年度 {cycle} 不存在。", "未找到"));
        }
        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var members = await db.Declarations.AsNoTracking()
            .Where(d => d.CycleYear == cycle && d.Stage != DeclarationStage.Excluded)
            .OrderBy(d => d.SectionId).ThenBy(d => d.Code).ToListAsync(ct);
        var items = members.Select(d =>
        {
            var (form, findings) = workflow.Inspect(d);
            return new WorkbookDeclaration(form, sections.GetValueOrDefault(d.SectionId, d.SectionId), StageLabels.For(d.Stage.ToString()), findings);
        }).ToList();
        var totals = await packages.ComputeTotalsAsync(cycle, ct);
        using var buffer = new MemoryStream();
        DeclarationWorkbook.WritePackage(buffer, cycle, items, totals);
        return (buffer.ToArray(), FileName($"{cycle}年度全局申报包"), null);
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value.Trim();

    private static string FileName(string name) =>
        string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '"' or '\\' or '/' ? '_' : c)) + ".xlsx";
}
