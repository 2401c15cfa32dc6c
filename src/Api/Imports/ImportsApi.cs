using Microsoft.Extensions.Options;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Api.Imports;

/// <summary>Upload of forms (docs/architecture.md §8): <c>POST /api/imports</c> → a preview; <c>POST /api/imports/{id}/confirm</c> → written.</summary>
public static class ImportsApi
{
    public static void AddImports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.SectionName);
        builder.Services.AddScoped<ImportService>();
    }

    public static void MapImportsApi(this IEndpointRouteBuilder app)
    {
        // Cross-site writes are stopped by ApiRequestGuard (Origin + content type, docs/security.md), as for every API write.
        app.MapPost("/api/imports", UploadAsync).WithTags("imports").RequireAuthorization().DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data");
        app.MapGet("/api/imports/{id:guid}", GetAsync).WithTags("imports").RequireAuthorization();
        app.MapPost("/api/imports/{id:guid}/confirm", ConfirmAsync).WithTags("imports").RequireAuthorization();
    }

    private static async Task<IResult> UploadAsync(HttpContext http, ImportService imports, CancellationToken ct)
    {
        var (files, sectionId, problem) = await ReadUploadAsync(http.Request, imports.Options, ct);
        if (problem is not null)
        {
            return problem;
        }
        try
        {
            return Answer(await imports.PreviewAsync(http.ToActor(), files!, sectionId, ct), StatusCodes.Status201Created);
        }
        finally
        {
            foreach (var file in files!)
            {
                await file.Content.DisposeAsync();
            }
        }
    }

    /// <summary>Buffers the multipart files in memory (each within the limit), so no temporary file is left behind.</summary>
    public static async Task<(List<UploadedFile>? Files, string? SectionId, IResult? Problem)> ReadUploadAsync(HttpRequest request, ImportOptions options, CancellationToken ct)
    {
        if (request.ContentLength > options.MaxRequestBytes)
        {
            return (null, null, TypedResults.Problem($"上传内容超过 {options.MaxRequestBytes / (1024 * 1024)} MB 上限，请分批导入。", statusCode: 413, title: "上传过大"));
        }
        if (!request.HasFormContentType)
        {
            return (null, null, TypedResults.Problem("请以 multipart/form-data 上传文件（字段名 files）。", statusCode: 415, title: "格式不支持"));
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = options.MaxRequestBytes }, ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, null, TypedResults.Problem($"上传内容无法读取或超过 {options.MaxRequestBytes / (1024 * 1024)} MB 上限。", statusCode: 400, title: "上传失败"));
        }
        var files = new List<UploadedFile>();
        foreach (var file in form.Files)
        {
            var buffer = new MemoryStream();
            if (file.Length <= options.MaxFileBytes)
            {
                await file.CopyToAsync(buffer, ct);
            }
            else
            {
                // Too big to read: an over-long stream of zeros makes the service refuse it by size, per file.
                buffer.SetLength(file.Length);
            }
            buffer.Position = 0;
            files.Add(new UploadedFile(file.FileName, buffer));
        }
        return (files, form["sectionId"].FirstOrDefault(), null);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, ImportService imports, CancellationToken ct) =>
        await imports.FindAsync(http.ToActor(), id, ct) is { } preview
            ? TypedResults.Json(preview, DeclarationJson.Options)
            : TypedResults.Problem("找不到这次导入的预览（可能已过期，或不是您上传的）。", statusCode: 404, title: "未找到");

    private static async Task<IResult> ConfirmAsync(Guid id, HttpContext http, ImportService imports, CancellationToken ct) =>
        Answer(await imports.ConfirmAsync(http.ToActor(), id, ct), StatusCodes.Status200OK);

    private static IResult Answer(ImportAnswer answer, int status) => answer switch
    {
        ImportAnswer.Ok ok => TypedResults.Json(ok.Preview, DeclarationJson.Options, statusCode: status),
        ImportAnswer.Refused r => TypedResults.Problem(r.Message, statusCode: r.StatusCode, title: r.Title),
        _ => throw new InvalidOperationException(),
    };
}
