using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Tasks;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>
/// The view and review page: the form by sections with its findings, the diff since the previous submission, the return
/// comments beside their fields, and this user's route actions (each a POST with the version it was based on).
/// </summary>
public sealed class DetailsModel(
    DeclarationWorkflow workflow, PerfWorkflowDbContext db, DiffBaseline baseline, IWorkingDayCalendar calendar, TimeProvider clock,
    PerfWorkflow.Workflows.Attachments.AttachmentStore attachments) : PageModel
{
    /// <summary>Main fields a reviewer may comment on when returning, in form order: (path, label).</summary>
    public static IReadOnlyList<(string Path, string Label)> CommentableFields { get; } =
    [
        (FieldLabels.Paths.Code, FieldLabels.Code),
        (FieldLabels.Paths.Name, FieldLabels.Name),
        (FieldLabels.Paths.PeriodYears, FieldLabels.PeriodYears),
        (FieldLabels.Paths.ProjectType, FieldLabels.ProjectType),
        (FieldLabels.Paths.IsNew, FieldLabels.IsNew),
        (FieldLabels.Paths.AllocationMethod, FieldLabels.AllocationMethod),
        (FieldLabels.Paths.TotalAmount, FieldLabels.TotalAmount),
        (FieldLabels.Paths.CurrentYearAmount, FieldLabels.CurrentYearAmount),
        (FieldLabels.Paths.PolicyBasis, FieldLabels.PolicyBasis),
        (FieldLabels.Paths.CalculationBasis, FieldLabels.CalculationBasis),
        (FieldLabels.Paths.AnnualGoal, FieldLabels.AnnualGoal),
        (FieldLabels.Paths.LongTermGoal, FieldLabels.LongTermGoal),
        (FieldLabels.Paths.Indicators, FieldLabels.Indicators),
    ];

    public Declaration Declaration { get; private set; } = null!;

    public DeclarationForm Form { get; private set; } = null!;

    public string SectionName { get; private set; } = "";

    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public DueStatus Due { get; private set; } = DueStatus.None;

    public ReturnNotes? Notes { get; private set; }

    /// <summary>Plain status and who acts next.</summary>
    public DeclarationProgress Next { get; private set; } = new("", null, null);

    /// <summary>The diff since the previous submission, and the version it starts from; null when there is nothing to compare.</summary>
    public DeclarationDiff? Diff { get; private set; }

    public DeclarationVersion? DiffBase { get; private set; }

    /// <summary>The drafter's 修改说明 with the submission under review; null when none.</summary>
    public SubmissionNote? SubmitNote { get; private set; }

    /// <summary>A resubmission: the drafter may say what changed (修改说明) beside the 提交 button.</summary>
    public bool IsResubmission => Declaration.LastSubmittedVersion is not null;

    /// <summary>People the open task may be handed to (转办): (user name, display name).</summary>
    public IReadOnlyList<(string UserName, string DisplayName)> ReassignTo { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>The declaration's attachments (issue 13), without their bytes.</summary>
    public IReadOnlyList<PerfWorkflow.Workflows.Attachments.AttachmentInfo> Attachments { get; private set; } = [];

    public IReadOnlyList<Finding> RefusalFindings { get; private set; } = [];

    /// <summary>The declaration route as SVG with this declaration's stage highlighted (issue 14).</summary>
    public string RouteSvg => RouteDiagram.Svg(Declaration.Stage);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ?? Page();

    /// <summary>Uploads the chosen files (all or none); back to the details page or the editor, with the refusal shown.</summary>
    public async Task<IActionResult> OnPostAttachAsync(Guid id, string? back, CancellationToken ct)
    {
        var refused = await LoadAsync(id, ct);
        if (refused is not null)
        {
            return refused;
        }
        var actor = HttpContext.ToActor();
        var (files, problem) = await PerfWorkflow.Api.Files.AttachmentsApi.ReadFilesAsync(HttpContext, attachments.Limits, ct);
        // The upload's own refusal, as the API words it (too large, or not a multipart form).
        Error = problem is not null
            ? (problem.Result as Microsoft.AspNetCore.Http.IValueHttpResult<Microsoft.AspNetCore.Mvc.ProblemDetails>)?.Value?.Detail
            : (await attachments.AddAsync(Declaration, actor, files!, ct))?.Message;
        if (Error is null)
        {
            return Redirect(Back(id, back));
        }
        await LoadAsync(id, ct);
        Error ??= "上传失败。";
        return Page();
    }

    /// <summary>Deletes one attachment while the declaration is editable by this user.</summary>
    public async Task<IActionResult> OnPostDetachAsync(Guid id, Guid attachmentId, string? back, CancellationToken ct)
    {
        var refused = await LoadAsync(id, ct);
        if (refused is not null)
        {
            return refused;
        }
        var error = await attachments.DeleteAsync(Declaration, HttpContext.ToActor(), attachmentId, ct);
        if (error is null)
        {
            return Redirect(Back(id, back));
        }
        await LoadAsync(id, ct);
        Error = error;
        return Page();
    }

    /// <summary>Only this declaration's own pages are valid return targets (no open redirect).</summary>
    private static string Back(Guid id, string? back) =>
        back == $"/declarations/{id}/edit" ? $"/declarations/{id}/edit#attachments" : $"/declarations/{id}#attachments";

    public async Task<IActionResult> OnPostActAsync(
        Guid id, string act, int expectedVersion, string? comment, string? reason, string? assignee, string? to,
        Dictionary<string, string>? fieldComments, CancellationToken ct)
    {
        var request = new ActionRequest
        {
            ExpectedVersion = expectedVersion,
            Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            Assignee = assignee,
            To = to,
            FieldComments = fieldComments?.Where(c => !string.IsNullOrWhiteSpace(c.Value)).ToDictionary(c => c.Key, c => c.Value.Trim()),
        };
        var outcome = await workflow.ActAsync(HttpContext.ToActor(), id, act ?? "", request, null, ct);
        switch (outcome)
        {
            case ActionOutcome.Done:
                TempData["Flash"] = ActionMessages.Done(act ?? "");
                return Redirect($"/declarations/{id}");
            case ActionOutcome.NotFound:
                return NotFound();
            case ActionOutcome.Forbidden when await workflow.FindVisibleAsync(HttpContext.ToActor(), id, ct) is null:
                return Forbid();
        }
        Error = ActionMessages.Describe(outcome);
        RefusalFindings = outcome is ActionOutcome.Invalid invalid ? invalid.Findings : [];
        Response.StatusCode = outcome switch
        {
            ActionOutcome.Stale or ActionOutcome.NotPermitted => StatusCodes.Status409Conflict,
            ActionOutcome.Invalid => StatusCodes.Status422UnprocessableEntity,
            ActionOutcome.Forbidden => StatusCodes.Status403Forbidden,
            _ => StatusCodes.Status400BadRequest,
        };
        return await LoadAsync(id, ct) ?? Page();
    }

    public IReadOnlyList<Finding> FindingsAt(string path) => Findings.Where(f => f.Field == path).ToList();

    public IReadOnlyList<Finding> FindingsOfRow(int index) =>
        Findings.Where(f => f.Field.StartsWith($"indicators[{index}].", StringComparison.Ordinal)).ToList();

    public bool Changed(string path) =>
        Diff is not null && (Diff.Fields.Any(f => f.Field == path) || Diff.Texts.Any(t => t.Field == path)
                             || (path == FieldLabels.Paths.Indicators && Diff.Indicators.Count > 0));

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var (declaration, refusal) = await this.LoadOrRefuseAsync(workflow, id, ct);
        if (declaration is null)
        {
            return refusal;
        }
        var actor = HttpContext.ToActor();
        Declaration = declaration;
        Form = declaration.ReadForm();
        Findings = workflow.Validate(Form, declaration.CycleYear);
        Actions = DeclarationWorkflow.PermittedActions(declaration, actor);
        CanEdit = DeclarationWorkflow.CanEdit(declaration, actor);
        Due = DueStatus.Of(declaration.DueAt, clock.GetUtcNow(), calendar);
        SectionName = await db.Sections.AsNoTracking().Where(s => s.Id == declaration.SectionId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? declaration.SectionId;
        Notes = await ReturnNotes.LoadAsync(db, declaration, ct);
        Next = await DeclarationProgress.OfAsync(db, declaration, SectionName, ct);
        Attachments = await attachments.ListAsync(declaration.Id, ct);
        await LoadDiffAsync(ct);
        if (Actions.Contains(ActionNames.Reassign))
        {
            await LoadReassignTargetsAsync(ct);
        }
        return null;
    }

    /// <summary>The form compared with the version a reader's diff starts from (<see cref="DiffBaseline"/>).</summary>
    private async Task LoadDiffAsync(CancellationToken ct)
    {
        DiffBase = await baseline.ForAsync(Declaration, ct);
        SubmitNote = await baseline.NoteForAsync(Declaration, ct);
        if (DiffBase is not null)
        {
            var before = System.Text.Json.JsonSerializer.Deserialize<DeclarationForm>(DiffBase.FormJson, DeclarationJson.Options) ?? new DeclarationForm();
            Diff = DeclarationDiff.Compare(before, Form);
        }
    }

    private async Task LoadReassignTargetsAsync(CancellationToken ct)
    {
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.DeclarationId == Declaration.Id && t.CompletedAt == null, ct);
        if (task is null)
        {
            return;
        }
        var users = await db.Users.AsNoTracking().Where(task.ReassignCandidates()).OrderBy(u => u.UserName).ToListAsync(ct);
        ReassignTo = users.Select(u => (u.UserName, u.DisplayName)).ToList();
    }
}
