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

    /// <summary>
    /// A version the timeline names, as the compare lists offer it: its own snapshot, or — for an action that changed the
    /// stage but not the form (纳入汇总, 审定 …) — the latest snapshot before it, whose content it has.
    /// </summary>
    public sealed record VersionChoice(int Number, string Label, DeclarationVersion Snapshot);

    /// <summary>Every version the timeline shows (and every snapshot), oldest first.</summary>
    public IReadOnlyList<VersionChoice> Choices { get; private set; } = [];

    public DeclarationDiff? Diff { get; private set; }

    public string? CompareError { get; private set; }

    /// <summary>Two different versions were chosen whose form is the same (only the stage changed between them).</summary>
    public bool SameContent { get; private set; }

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
        Choices = ChoicesOf(Versions, Events);
        // Without a choice: the version a reader's diff starts from against the latest snapshot, the comparison a reviewer wants first.
        var latest = Versions[^1].Number;
        var defaultFrom = await baseline.NumberForAsync(declaration, ct) is { } start && start < latest ? start : Versions[0].Number;
        var compare = From is not null || To is not null;
        From ??= defaultFrom;
        To ??= latest;
        var from = Choices.FirstOrDefault(v => v.Number == From)?.Snapshot;
        var to = Choices.FirstOrDefault(v => v.Number == To)?.Snapshot;
        if (from is null || to is null)
        {
            CompareError = $"没有该版本。现有版本：{string.Join("、", Choices.Select(v => v.Number))}。";
            Response.StatusCode = compare ? StatusCodes.Status404NotFound : StatusCodes.Status200OK;
        }
        else if (from.Number == to.Number && From != To)
        {
            SameContent = true;
        }
        else if (from.Number != to.Number)
        {
            Diff = DeclarationDiff.Compare(Read(from.FormJson), Read(to.FormJson));
        }
        return Page();
    }

    private static List<VersionChoice> ChoicesOf(IReadOnlyList<DeclarationVersion> snapshots, IReadOnlyList<AuditEvent> events)
    {
        var choices = new List<VersionChoice>();
        var named = snapshots.Select(v => v.Number).Union(events.Where(e => e.Version is not null).Select(e => e.Version!.Value)).Order();
        foreach (var number in named)
        {
            var snapshot = snapshots.LastOrDefault(v => v.Number <= number);
            if (snapshot is null)
            {
                continue;
            }
            if (snapshot.Number == number)
            {
                choices.Add(new VersionChoice(number, $"第 {number} 版 · {Reason(snapshot.Reason)} · {OfficeDisplay.Time(snapshot.CreatedAt)}", snapshot));
                continue;
            }
            var step = events.Where(e => e.Version == number).MinBy(e => e.Id)!;
            choices.Add(new VersionChoice(number, $"第 {number} 版 · {OfficeDisplay.Action(step.Action)} · {OfficeDisplay.Time(step.At)}（内容同第 {snapshot.Number} 版）", snapshot));
        }
        return choices;
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
