using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Declarations;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>
/// The editor: every field in form order, findings beside their field (refreshed through <c>?handler=Validate</c>),
/// indicator rows added and removed in the page by <c>/js/editor.js</c> — without script the same buttons post, the
/// typed form is saved first and the page comes back with the row added or removed. The script autosaves through
/// <c>?handler=Autosave</c> (no version); 保存 and 提交 make versions.
/// </summary>
public sealed class EditModel(
    DeclarationWorkflow workflow, PerfWorkflowDbContext db, IOptions<DeclarationRulesOptions> rules,
    PerfWorkflow.Workflows.Attachments.AttachmentStore attachments) : PageModel
{
    /// <summary>The declaration's attachments (issue 13); uploads and deletes post to the details page's handlers.</summary>
    public IReadOnlyList<PerfWorkflow.Workflows.Attachments.AttachmentInfo> Attachments { get; private set; } = [];

    private IReadOnlyList<int> _rowOf = [];

    [BindProperty]
    public DeclarationInput Input { get; set; } = new();

    [BindProperty]
    public int ExpectedVersion { get; set; }

    /// <summary>The drafter's 修改说明, sent with 提交 when the declaration was submitted before.</summary>
    [BindProperty]
    public string? SubmitNote { get; set; }

    /// <summary>A resubmission: the page offers the 修改说明 box beside 提交.</summary>
    public bool IsResubmission => Declaration.LastSubmittedVersion is not null;

    /// <summary>Plain status and who acts next, as on the details page.</summary>
    public DeclarationProgress Progress { get; private set; } = new("", null, null);

    /// <summary>Keys of the fields the user has touched (sent by the script); their findings show in full.</summary>
    [BindProperty]
    public List<string> Touched { get; set; } = [];

    /// <summary>A submit was tried: every finding shows, also beside fields still empty.</summary>
    public bool SubmitTried { get; private set; }

    public Declaration Declaration { get; private set; } = null!;

    public DeclarationRulesOptions Rules => rules.Value;

    /// <summary>Findings keyed by where they show: a field path, <c>rows[i]</c> for an indicator row, or <c>form</c>.</summary>
    public IReadOnlyDictionary<string, List<Finding>> FindingsAt { get; private set; } = new Dictionary<string, List<Finding>>();

    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    /// <summary>Errors that blocked a submit, each linking to its field.</summary>
    public IReadOnlyList<(Finding Finding, string Anchor)> SubmitErrors { get; private set; } = [];

    public string? Error { get; private set; }

    public ReturnNotes? Notes { get; private set; }

    public bool IsOfficeEdit => Declaration.Stage == DeclarationStage.OfficeReview;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }
        Input = DeclarationInput.FromForm(Declaration.ReadForm());
        Input.EnsureMandatoryRows();
        ExpectedVersion = Declaration.Version;
        Evaluate();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }
        var outcome = await SaveAsync(SaveKind.Explicit, ct);
        if (outcome is ActionOutcome.Done)
        {
            TempData["Flash"] = IsOfficeEdit ? "已保存。办公室的修改已记录在历史中。" : "草稿已保存。";
            return Redirect($"/declarations/{id}/edit");
        }
        return Refused(outcome);
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }
        SubmitTried = true;
        var saved = await SaveAsync(SaveKind.Auto, ct);
        if (saved is not ActionOutcome.Done { Declaration: { } declaration })
        {
            return Refused(saved);
        }
        ExpectedVersion = declaration.Version;
        var outcome = await workflow.ActAsync(HttpContext.ToActor(), id, ActionNames.Submit, new ActionRequest { ExpectedVersion = declaration.Version, Comment = string.IsNullOrWhiteSpace(SubmitNote) ? null : SubmitNote.Trim() }, null, ct);
        if (outcome is ActionOutcome.Done)
        {
            TempData["Flash"] = "已提交办公室审核。";
            return Redirect($"/declarations/{id}");
        }
        return Refused(outcome);
    }

    public async Task<IActionResult> OnPostAddRowAsync(Guid id, string category, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }
        // Without script: keep what was typed first, then show the new row.
        var saved = await SaveAsync(SaveKind.Auto, ct);
        Input.AddRow(category);
        return saved is ActionOutcome.Done { Declaration: { } declaration } ? Redisplay(declaration.Version) : Refused(saved);
    }

    public async Task<IActionResult> OnPostRemoveRowAsync(Guid id, int row, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }
        Input.RemoveRow(row);
        var saved = await SaveAsync(SaveKind.Auto, ct);
        return saved is ActionOutcome.Done { Declaration: { } declaration } ? Redisplay(declaration.Version) : Refused(saved);
    }

    /// <summary>
    /// The script's autosave: the typed form is kept without making a version. JSON: the new version to base the next
    /// save on, or (409) who changed the declaration meanwhile and which fields now differ from what was typed.
    /// </summary>
    public async Task<IActionResult> OnPostAutosaveAsync(Guid id, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(HttpContext.ToActor(), id, ct);
        if (declaration is null)
        {
            return new JsonResult(new { ok = false, message = ActionMessages.Describe(refusal!) }) { StatusCode = refusal is ActionOutcome.Forbidden ? 403 : 404 };
        }
        Declaration = declaration;
        Input.DropNotApplicableRows();
        var outcome = await SaveAsync(SaveKind.Auto, ct);
        switch (outcome)
        {
            case ActionOutcome.Done { Declaration: { } saved }:
                return new JsonResult(new { ok = true, version = saved.Version, savedAt = ActionMessages.ChinaTimeText(saved.UpdatedAt)[11..] });
            case ActionOutcome.Stale stale:
                var (typed, _) = Input.ToForm(Rules, declaration.ReadForm());
                var changed = PerfWorkflow.Workflows.Declarations.Diff.DeclarationDiff.Compare(declaration.ReadForm(), typed);
                var fields = changed.Fields.Select(f => f.Label).Concat(changed.Texts.Select(t => t.Label))
                    .Concat(changed.Indicators.Count > 0 ? ["绩效指标"] : []).Distinct().ToList();
                return new JsonResult(new
                {
                    ok = false,
                    conflict = true,
                    message = $"{stale.ChangedBy} 于 {ActionMessages.ChinaTimeText(stale.ChangedAt)} 修改了这张申报表，自动保存已暂停，您输入的内容仍在页面上。"
                              + (fields.Count > 0 ? $"与对方版本不同的项：{string.Join("、", fields)}。" : "")
                              + "点击“保存草稿”可查看并决定是否以您的内容覆盖。",
                }) { StatusCode = 409 };
            default:
                return new JsonResult(new { ok = false, message = ActionMessages.Describe(outcome) }) { StatusCode = 409 };
        }
    }

    /// <summary>The findings of the form as typed so far, as a partial the page's script swaps in beside each field.</summary>
    public async Task<IActionResult> OnPostValidateAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct, withProgress: false) is { } refusal)
        {
            return refusal;
        }
        Evaluate();
        return Partial("_EditorFindings", this);
    }

    /// <summary>The anchor (element id) of the input a finding or field path belongs to.</summary>
    public static string AnchorOf(string key) =>
        key.StartsWith("rows[", StringComparison.Ordinal)
            ? "f-row-" + key[5..^1]
            : "f-" + key;

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct, bool withProgress = true)
    {
        var (declaration, refusal) = await this.LoadOrRefuseAsync(workflow, id, ct);
        if (declaration is null)
        {
            return refusal;
        }
        var actor = HttpContext.ToActor();
        Declaration = declaration;
        if (!DeclarationWorkflow.CanEdit(declaration, actor))
        {
            TempData["Flash"] = $"申报表处于「{StageLabels.For(declaration.Stage.ToString())}」阶段，您不能修改。";
            return Redirect($"/declarations/{id}");
        }
        Notes = await ReturnNotes.LoadAsync(db, declaration, ct);
        Attachments = await attachments.ListAsync(declaration.Id, ct);
        if (withProgress)
        {
            var section = await db.Sections.AsNoTracking().Where(s => s.Id == declaration.SectionId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? declaration.SectionId;
            Progress = await DeclarationProgress.OfAsync(db, declaration, section, ct);
        }
        Input.DropNotApplicableRows();
        return null;
    }

    private async Task<ActionOutcome> SaveAsync(SaveKind kind, CancellationToken ct)
    {
        var (form, _) = Input.ToForm(Rules, Declaration.ReadForm());
        // The same edge limits as the JSON API (docs/security.md): a pasted 24 MB text is refused, the page keeps it.
        if (DeclarationInputLimits.FirstViolation(form) is { } violation)
        {
            return new ActionOutcome.BadRequest(violation);
        }
        return await workflow.UpdateAsync(HttpContext.ToActor(), Declaration.Id, form, ExpectedVersion, kind, ct);
    }

    /// <summary>Back to the page with the user's input intact and the reason on top; nothing typed is lost.</summary>
    private PageResult Refused(ActionOutcome outcome)
    {
        Error = ActionMessages.Describe(outcome);
        switch (outcome)
        {
            case ActionOutcome.Stale stale:
                Error += "您的输入仍保留在下方。再次点击“保存草稿”将以您的内容覆盖对方的修改；也可以先在新窗口中查看最新版本。";
                // The user has now been told; saving again is a deliberate overwrite.
                ExpectedVersion = stale.CurrentVersion;
                break;
            case ActionOutcome.Invalid invalid:
                SubmitTried = true;
                Evaluate();
                SubmitErrors = invalid.Findings.Select(f => (f, AnchorOf(KeyOf(f.Field)))).ToList();
                return Page();
        }
        Evaluate();
        return Page();
    }

    private PageResult Redisplay(int version)
    {
        // The rows were renumbered: posted values in ModelState must not win over the new list.
        ModelState.Clear();
        ExpectedVersion = version;
        TempData["Flash"] = "已自动保存。";
        Evaluate();
        return Page();
    }

    private void Evaluate()
    {
        var (form, rowOf) = Input.ToForm(Rules, Declaration.ReadForm());
        _rowOf = rowOf;
        Findings = workflow.Validate(form, Declaration.CycleYear);
        FindingsAt = Findings.GroupBy(f => KeyOf(f.Field)).ToDictionary(g => g.Key, g => g.ToList());
    }

    private string KeyOf(string field)
    {
        if (field.StartsWith("indicators[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']', StringComparison.Ordinal);
            if (close > 11 && int.TryParse(field.AsSpan(11, close - 11), out var k) && k < _rowOf.Count && _rowOf[k] >= 0)
            {
                return $"rows[{_rowOf[k]}]";
            }
            return FieldLabels.Paths.Indicators;
        }
        return field switch
        {
            FieldLabels.Paths.Code or FieldLabels.Paths.Name or FieldLabels.Paths.PeriodYears or FieldLabels.Paths.ProjectType
                or FieldLabels.Paths.IsNew or FieldLabels.Paths.AllocationMethod or FieldLabels.Paths.TotalAmount
                or FieldLabels.Paths.CurrentYearAmount or FieldLabels.Paths.PolicyBasis or FieldLabels.Paths.CalculationBasis
                or FieldLabels.Paths.AnnualGoal or FieldLabels.Paths.LongTermGoal or FieldLabels.Paths.Indicators => field,
            _ => "form",
        };
    }

    public IReadOnlyList<Finding> At(string key) => FindingsAt.TryGetValue(key, out var list) ? list : [];

    /// <summary>
    /// A field still empty that nobody touched and no submit was tried for: it shows "必填" instead of its errors, so a
    /// blank new form is not a wall of red.
    /// </summary>
    public bool IsQuiet(string key) => !SubmitTried && !Touched.Contains(key) && IsEmpty(key);

    private bool IsEmpty(string key)
    {
        if (key.StartsWith("rows[", StringComparison.Ordinal))
        {
            return int.TryParse(key.AsSpan(5, key.Length - 6), out var i) && i >= 0 && i < Input.Rows.Count
                   && Input.Rows[i] is { } r && Blank(r.Name) && Blank(r.Value) && Blank(r.Explanation);
        }
        return key switch
        {
            FieldLabels.Paths.Code => Blank(Input.Code),
            FieldLabels.Paths.Name => Blank(Input.Name),
            FieldLabels.Paths.PeriodYears => Blank(Input.PeriodYears),
            FieldLabels.Paths.ProjectType => Blank(Input.ProjectTypeCode),
            FieldLabels.Paths.IsNew => Blank(Input.IsNew),
            FieldLabels.Paths.AllocationMethod => Blank(Input.AllocationMethod),
            FieldLabels.Paths.TotalAmount => Blank(Input.TotalAmountWan),
            FieldLabels.Paths.CurrentYearAmount => Blank(Input.CurrentYearAmountWan),
            FieldLabels.Paths.PolicyBasis => Blank(Input.PolicyBasis),
            FieldLabels.Paths.CalculationBasis => Blank(Input.CalculationBasis),
            FieldLabels.Paths.AnnualGoal => Blank(Input.AnnualGoal),
            FieldLabels.Paths.LongTermGoal => Blank(Input.LongTermGoal),
            FieldLabels.Paths.Indicators => Input.Rows.TrueForAll(r => Blank(r.Name) && Blank(r.Value) && Blank(r.Explanation)),
            _ => false,
        };
    }

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    /// <summary>What shows beside a field: its findings, or nothing but the required mark while it is quiet.</summary>
    public IReadOnlyList<Finding> Shown(string key) => IsQuiet(key) ? [] : At(key);

    /// <summary>Errors of fields that show them (the toolbar's count); quiet fields count as 待填写.</summary>
    public int QuietCount => FindingsAt.Count(kv => IsQuiet(kv.Key) && kv.Value.Exists(f => f.Severity == Severity.Error));
}
