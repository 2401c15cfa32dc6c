using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Pages.Office;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Records;

/// <summary>A declaration's audit timeline and the comparison of any two of its versions.</summary>
public sealed class HistoryModel(DeclarationWorkflow workflow, PerfWorkflowDbContext db, DiffBaseline baseline) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public Declaration Declaration { get; private set; } = null!;

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public IReadOnlyList<DeclarationVersion> Versions { get; private set; } = [];

    public DeclarationDiff? Diff { get; private set; }

    public string? CompareError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(HttpContext.ToActor(), id, ct);
        if (declaration is null)
        {
            return this.Refuse(refusal!);
        }
        Declaration = declaration;
        Events = await db.AuditEvents.AsNoTracking().Where(a => a.DeclarationId == id).OrderByDescending(a => a.Id).ToListAsync(ct);
        Versions = await db.DeclarationVersions.AsNoTracking().Where(v => v.DeclarationId == id).OrderBy(v => v.Number).ToListAsync(ct);
        if (Versions.Count == 0)
        {
            return Page();
        }
        // Without a choice: the version a reader's diff starts from against the latest snapshot, the comparison a reviewer wants first.
        var latest = Versions[^1].Number;
        var defaultFrom = await baseline.NumberForAsync(declaration, ct) is { } start && start < latest ? start : Versions[0].Number;
        var compare = From is not null || To is not null;
        From ??= defaultFrom;
        To ??= latest;
        var from = Versions.FirstOrDefault(v => v.Number == From);
        var to = Versions.FirstOrDefault(v => v.Number == To);
        if (from is null || to is null)
        {
            CompareError = $"没有该版本。现有版本：{string.Join("、", Versions.Select(v => v.Number))}。";
            Response.StatusCode = compare ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        }
        else if (from.Number != to.Number)
        {
            Diff = DeclarationDiff.Compare(Read(from.FormJson), Read(to.FormJson));
        }
        return Page();
    }

    public static string Reason(VersionReason reason) => reason switch
    {
        VersionReason.Created => "创建",
        VersionReason.CopiedFromLastYear => "从上年复制",
        VersionReason.Submitted => "提交",
        VersionReason.Returned => "退回",
        VersionReason.OfficeEdit => "办公室修改",
        VersionReason.Saved => "保存",
        _ => reason.ToString(),
    };

    private static DeclarationForm Read(string json) => JsonSerializer.Deserialize<DeclarationForm>(json, DeclarationJson.Options) ?? new DeclarationForm();
}
