using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Imports;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Pages.Imports;

/// <summary>
/// 导入: upload forms (our .xlsx or finance's text export), see the preview with outcomes and findings, 确认导入.
/// Plain form posts (no script); the same <see cref="ImportService"/> as <c>POST /api/imports</c>.
/// </summary>
[RequestSizeLimit(100L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 100L * 1024 * 1024)]
public sealed class IndexModel(ImportService imports, PerfWorkflowDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    public ImportPreviewView? Preview { get; private set; }

    public string? Error { get; private set; }

    public bool IsOffice { get; private set; }

    public IReadOnlyList<(string Id, string Name)> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
        {
            return refused;
        }
        if (Id is { } id)
        {
            Preview = await imports.FindAsync(HttpContext.ToActor(), id, ct);
            if (Preview is null)
            {
                Error = "找不到这次导入的预览（可能已过期，或不是您上传的）。请重新上传文件。";
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
        {
            return refused;
        }
        var (files, sectionId, problem) = await ImportsApi.ReadUploadAsync(Request, imports.Options, ct);
        if (problem is not null)
        {
            Error = "上传失败：文件过大或无法读取。";
            return Page();
        }
        try
        {
            var answer = await imports.PreviewAsync(HttpContext.ToActor(), files!, sectionId, ct);
            if (answer is ImportAnswer.Ok ok)
            {
                return RedirectToPage(new { id = ok.Preview.Id });
            }
            Error = ((ImportAnswer.Refused)answer).Message;
            return Page();
        }
        finally
        {
            foreach (var file in files!)
            {
                await file.Content.DisposeAsync();
            }
        }
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
        {
            return refused;
        }
        if (Id is not { } id)
        {
            return RedirectToPage();
        }
        var answer = await imports.ConfirmAsync(HttpContext.ToActor(), id, ct);
        if (answer is ImportAnswer.Refused r)
        {
            TempData["Flash"] = r.Message;
        }
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        var actor = HttpContext.ToActor();
        if (!ImportService.MayImport(actor))
        {
            return Forbid();
        }
        IsOffice = actor.Role == UserRole.Office;
        if (IsOffice)
        {
            Sections = (await db.Sections.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
                .Select(s => (s.Id, s.Name)).ToList();
        }
        return null;
    }
}
