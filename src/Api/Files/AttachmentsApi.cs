using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Declarations;
using PerfWorkflow.Workflows.Attachments;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Route;
using UploadProblem = Microsoft.AspNetCore.Http.HttpResults.Results<
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.PayloadTooLarge>,
    PerfWorkflow.Api.Declarations.Problem<PerfWorkflow.Api.Declarations.Status.BadRequest>>;

namespace PerfWorkflow.Api.Files;

/// <summary>
/// Attachments of a declaration (docs/architecture.md public contracts, docs/security.md file uploads): the same visibility
/// as the declaration (<see cref="DeclarationWorkflow.LoadAsync"/>), changes only while <see cref="DeclarationWorkflow.CanEdit"/>.
/// </summary>
public static class AttachmentsApi
{
    /// <summary>Multipart overhead allowed above the per-declaration limit for the request body.</summary>
    private const long MultipartOverhead = 1024 * 1024;

    public static void MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/declarations/{id:guid}/attachments").WithTags("attachments").RequireAuthorization();
        group.MapPost("/", UploadAsync).Accepts<IFormFileCollection>("multipart/form-data").DisableAntiforgery();
        group.MapGet("/", ListAsync);
        // A file answer documents no 200 of its own (only its problems would be listed).
        group.MapGet("/{attachmentId:guid}", DownloadAsync).Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream");
        group.MapDelete("/{attachmentId:guid}", DeleteAsync);
        app.MapGet("/api/packages/{cycle:int}/zip", PackageZipAsync).WithTags("packages").RequireAuthorization()
            .Produces<Stream>(StatusCodes.Status200OK, "application/zip");
    }

    /// <summary>Reads the multipart files with the body limit raised for this request only, so 20 MB works and more is a clear 413.</summary>
    public static async Task<(List<(string FileName, byte[] Bytes)>? Files, UploadProblem? Problem)> ReadFilesAsync(HttpContext http, AttachmentOptions limits, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limits.MaxDeclarationBytes + MultipartOverhead;
        }
        if (http.Request.ContentLength > limits.MaxDeclarationBytes + MultipartOverhead)
        {
            return (null, TooLarge(limits));
        }
        if (!http.Request.HasFormContentType)
        {
            return (null, ApiResults.Problem<Status.BadRequest>("请以 multipart/form-data 上传文件。", "请求不完整"));
        }
        try
        {
            var form = await http.Request.ReadFormAsync(new FormOptions
            {
                MultipartBodyLengthLimit = limits.MaxDeclarationBytes + MultipartOverhead,
                ValueCountLimit = 64,
            }, ct);
            var files = new List<(string, byte[])>();
            foreach (var file in form.Files)
            {
                if (file.Length > limits.MaxFileBytes)
                {
                    return (null, ApiResults.Problem<Status.PayloadTooLarge>(
                        $"文件“{AttachmentStore.SafeName(file.FileName)}”超过单个附件的大小上限 {AttachmentStore.Megabytes(limits.MaxFileBytes)}，未上传任何文件。",
                        "文件过大"));
                }
                using var buffer = new MemoryStream((int)file.Length);
                await file.CopyToAsync(buffer, ct);
                files.Add((file.FileName, buffer.ToArray()));
            }
            return (files, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(limits));
        }
        catch (InvalidDataException)
        {
            return (null, TooLarge(limits));
        }
    }

    private static Problem<Status.PayloadTooLarge> TooLarge(AttachmentOptions limits) => ApiResults.Problem<Status.PayloadTooLarge>(
        $"上传内容过大：单个附件不超过 {AttachmentStore.Megabytes(limits.MaxFileBytes)}，一张申报表合计不超过 {AttachmentStore.Megabytes(limits.MaxDeclarationBytes)}。未上传任何文件。",
        "文件过大");

    /// <summary>The store's refusal of the files: over a size limit (413), or not acceptable (400: empty, a type not allowed).</summary>
    private static UploadProblem Refused(AttachmentRefusal refusal) =>
        refusal.TooLarge
            ? ApiResults.Problem<Status.PayloadTooLarge>(refusal.Message, "未上传")
            : ApiResults.Problem<Status.BadRequest>(refusal.Message, "未上传");

    private static async Task<Results<Created<List<AttachmentInfo>>, Problem<Status.Conflict>, UploadProblem, NotFoundOrForbidden>> UploadAsync(Guid id, HttpContext http, DeclarationWorkflow workflow, AttachmentStore store, CancellationToken ct)
    {
        var actor = http.ToActor();
        var (declaration, refusal) = await workflow.LoadAsync(actor, id, ct);
        if (declaration is null)
        {
            return ApiResults.Refusal(refusal!);
        }
        if (!DeclarationWorkflow.CanEdit(declaration, actor))
        {
            return ApiResults.Problem<Status.Conflict>("只有可编辑这张申报表的人员，在草稿（或退回修改）阶段才能上传附件。", "不能上传");
        }
        var (files, problem) = await ReadFilesAsync(http, store.Limits, ct);
        if (problem is not null)
        {
            return problem;
        }
        var refused = await store.AddAsync(declaration, actor, files!, ct);
        if (refused is not null)
        {
            return Refused(refused);
        }
        // No Location: the list answered is the attachments' collection this was posted to.
        return TypedResults.Created((string?)null, await store.ListAsync(id, ct));
    }

    private static async Task<Results<Ok<List<AttachmentInfo>>, NotFoundOrForbidden>> ListAsync(
        Guid id, HttpContext http, DeclarationWorkflow workflow, AttachmentStore store, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(http.ToActor(), id, ct);
        return declaration is null ? ApiResults.Refusal(refusal!) : TypedResults.Ok(await store.ListAsync(id, ct));
    }

    private static async Task<Results<FileContentHttpResult, Problem<Status.NotFound>, NotFoundOrForbidden>> DownloadAsync(Guid id, Guid attachmentId, HttpContext http, DeclarationWorkflow workflow, AttachmentStore store, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(http.ToActor(), id, ct);
        if (declaration is null)
        {
            return ApiResults.Refusal(refusal!);
        }
        var attachment = await store.FindAsync(id, attachmentId, ct);
        if (attachment is null)
        {
            return ApiResults.Problem<Status.NotFound>("附件不存在。", "未找到");
        }
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ETag = $"\"{attachment.Sha256}\"";
        // FileDownloadName writes Content-Disposition: attachment with an RFC 5987 filename* (UTF-8).
        return TypedResults.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }

    private static async Task<Results<NoContent, Problem<Status.NotFound>, Problem<Status.Conflict>, NotFoundOrForbidden>> DeleteAsync(Guid id, Guid attachmentId, HttpContext http, DeclarationWorkflow workflow, AttachmentStore store, CancellationToken ct)
    {
        var actor = http.ToActor();
        var (declaration, refusal) = await workflow.LoadAsync(actor, id, ct);
        if (declaration is null)
        {
            return ApiResults.Refusal(refusal!);
        }
        if (await store.FindAsync(id, attachmentId, ct) is null)
        {
            return ApiResults.Problem<Status.NotFound>("附件不存在。", "未找到");
        }
        var refused = await store.DeleteAsync(declaration, actor, attachmentId, ct);
        return refused is null ? TypedResults.NoContent() : ApiResults.Problem<Status.Conflict>(refused, "不能删除");
    }

    /// <summary>The package workbook plus every declaration's attachments in a folder 项目编码-项目名称/, streamed to the response.</summary>
    private static async Task<Results<PushStreamHttpResult, NotFoundOrForbidden>> PackageZipAsync(
        int cycle, HttpContext http, Workflows.Packages.PackageWorkflow packages, DeclarationWorkflow workflow,
        Workflows.Persistence.PerfWorkflowDbContext db, CancellationToken ct)
    {
        var workbook = await WorkbooksApi.PackageWorkbookAsync(cycle, http, packages, workflow, db, ct);
        if (workbook.Problem is not null)
        {
            return workbook.Problem;
        }
        var members = await db.Declarations.AsNoTracking()
            .Where(d => d.CycleYear == cycle && d.Stage != DeclarationStage.Excluded)
            .OrderBy(d => d.SectionId).ThenBy(d => d.Code)
            .Select(d => new { d.Id, d.Code, d.FormJson })
            .ToListAsync(ct);
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var fileName = $"{cycle}年度全局申报包.zip";
        // Content-Disposition with filename* only (no fileDownloadName, which would add an ASCII filename= too).
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
        return TypedResults.Stream(async response =>
        {
            // The response body is not seekable: ZipArchive in Create mode streams entries without a temp file. Its few
            // synchronous header writes are buffered by AsyncOnlyWriteStream and sent asynchronously after each entry.
            await using var body = new AsyncOnlyWriteStream(response);
            await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken: ct))
            {
                var sheet = zip.CreateEntry(workbook.FileName!, CompressionLevel.Fastest);
                await using (var entry = await sheet.OpenAsync(ct))
                {
                    await entry.WriteAsync(workbook.Bytes!, ct);
                }
                await body.FlushAsync(ct);
                var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { workbook.FileName! };
                foreach (var member in members)
                {
                    var ids = await db.Attachments.AsNoTracking().Where(a => a.DeclarationId == member.Id).OrderBy(a => a.UploadedAt).Select(a => a.Id).ToListAsync(ct);
                    if (ids.Count == 0)
                    {
                        continue;
                    }
                    var name = ReadName(member.FormJson);
                    var folder = Clean($"{(string.IsNullOrWhiteSpace(member.Code) ? "无编码" : member.Code.Trim())}-{(string.IsNullOrWhiteSpace(name) ? "未命名" : name.Trim())}");
                    foreach (var attachmentId in ids)
                    {
                        // One attachment in memory at a time.
                        var attachment = await db.Attachments.AsNoTracking().SingleAsync(a => a.Id == attachmentId, ct);
                        var path = $"{folder}/{Clean(attachment.FileName)}";
                        for (var n = 2; !used.Add(path); n++)
                        {
                            path = $"{folder}/{Path.GetFileNameWithoutExtension(Clean(attachment.FileName))} ({n}){Path.GetExtension(attachment.FileName)}";
                        }
                        var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
                        await using (var stream = await entry.OpenAsync(ct))
                        {
                            await stream.WriteAsync(attachment.Content, ct);
                        }
                        await body.FlushAsync(ct);
                    }
                }
            }
        }, "application/zip");
    }

    private static string ReadName(string formJson) =>
        System.Text.Json.JsonSerializer.Deserialize<DeclarationForm>(formJson, DeclarationJson.Options)?.Name ?? "";

    private static string Clean(string name) =>
        string.Concat(name.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c is '"' or '\\' or '/' or ':' or '*' or '?' or '<' or '>' or '|' ? '_' : c));
}
