using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Declarations;
using PerfWorkflow.Api.Hosting;
using ImportRefusal = Microsoft.AspNetCore.Http.HttpResults.Results<
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.BadRequest>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.Forbidden>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.NotFound>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.Conflict>,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;
using UploadProblem = Microsoft.AspNetCore.Http.HttpResults.Results<
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.PayloadTooLarge>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.UnsupportedMediaType>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.BadRequest>>;

namespace PerfWorkflow.Api.Imports;

/// <summary>Upload of forms (docs/architecture.md §8): <c>POST /api/imports</c> → a preview; <c>POST /api/imports/{id}/confirm</c> → written.</summary>
public static class ImportsApi
{
    public static void AddImports(this WebApplicationBuilder builder)
    {
        builder.BindValidated<ImportOptions>(ImportOptions.SectionName);
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

    private static async Task<Results<DeclarationJsonResult<Status.Created, ImportPreviewView>, UploadProblem, ImportRefusal>> UploadAsync(
        HttpContext http, ImportService imports, CancellationToken ct)
    {
        var (files, sectionId, problem) = await ReadUploadAsync(http.Request, imports.Options, ct);
        if (problem is not null)
        {
            return problem;
        }
        try
        {
            var answer = await imports.PreviewAsync(http.ToActor(), files!, sectionId, ct);
            return answer is ImportAnswer.Ok ok ? ApiResults.JsonCreated(ok.Preview) : Refusal(answer);
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
    public static async Task<(List<UploadedFile>? Files, string? SectionId, UploadProblem? Problem)> ReadUploadAsync(HttpRequest request, ImportOptions options, CancellationToken ct)
    {
        if (request.ContentLength > options.MaxRequestBytes)
        {
            return (null, null, ApiResults.Problem<Status.PayloadTooLarge>($"上传内容超过 {options.MaxRequestBytes / (1024 * 1024)} MB 上限，请分批导入。", "上传过大"));
        }
        if (!request.HasFormContentType)
        {
            return (null, null, ApiResults.Problem<Status.UnsupportedMediaType>("请以 multipart/form-data 上传文件（字段名 files）。", "格式不支持"));
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { MultipartBodyLengthLimit = options.MaxRequestBytes }, ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return (null, null, ApiResults.Problem<Status.BadRequest>($"上传内容无法读取或超过 {options.MaxRequestBytes / (1024 * 1024)} MB 上限。", "上传失败"));
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

    private static async Task<Results<DeclarationJsonResult<Status.Ok, ImportPreviewView>, Problem<Status.NotFound>>> GetAsync(
        Guid id, HttpContext http, ImportService imports, CancellationToken ct) =>
        await imports.FindAsync(http.ToActor(), id, ct) is { } preview
            ? ApiResults.Json(preview)
            : ApiResults.Problem<Status.NotFound>("找不到这次导入的预览（可能已过期，或不是您上传的）。", "未找到");

    private static async Task<Results<DeclarationJsonResult<Status.Ok, ImportPreviewView>, ImportRefusal>> ConfirmAsync(
        Guid id, HttpContext http, ImportService imports, CancellationToken ct)
    {
        var answer = await imports.ConfirmAsync(http.ToActor(), id, ct);
        return answer is ImportAnswer.Ok ok ? ApiResults.Json(ok.Preview) : Refusal(answer);
    }

    /// <summary>
    /// A refused import (<see cref="ImportAnswer.Refused"/>) by its status: the service refuses with 400, 403, 404 or 409;
    /// any other status it may come to use is still answered, untyped.
    /// </summary>
    private static ImportRefusal Refusal(ImportAnswer answer)
    {
        var r = (ImportAnswer.Refused)answer;
        return r.StatusCode switch
        {
            StatusCodes.Status400BadRequest => ApiResults.Problem<Status.BadRequest>(r.Message, r.Title),
            StatusCodes.Status403Forbidden => ApiResults.Problem<Status.Forbidden>(r.Message, r.Title),
            StatusCodes.Status404NotFound => ApiResults.Problem<Status.NotFound>(r.Message, r.Title),
            StatusCodes.Status409Conflict => ApiResults.Problem<Status.Conflict>(r.Message, r.Title),
            _ => TypedResults.Problem(r.Message, statusCode: r.StatusCode, title: r.Title),
        };
    }
}
