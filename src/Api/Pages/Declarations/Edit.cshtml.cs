using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>
/// The editor: every field in form order, findings beside their field (refreshed through <c>?handler=Validate</c>),
/// indicator rows added and removed by submit buttons (works without script), save with the version it was based on.
/// </summary>
public sealed class EditModel(DeclarationWorkflow workflow, PerfWorkflowDbContext db, IOptions<DeclarationRulesOptions> rules) : PageModel
{
    private IReadOnlyList<int> _rowOf = [];

    [BindProperty]
    public DeclarationInput Input { get; set; } = new();

    [BindProperty]
    public int ExpectedVersion { get; set; }

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
        var outcome = await SaveAsync(ct);
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
        var saved = await SaveAsync(ct);
        if (saved is not ActionOutcome.Done { Declaration: { } declaration })
        {
            return Refused(saved);
        }
        ExpectedVersion = declaration.Version;
        var outcome = await workflow.ActAsync(HttpContext.ToActor(), id, ActionNames.Submit, new ActionRequest { ExpectedVersion = declaration.Version }, null, ct);
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
        Input.AddRow(category);
        return Redisplay();
    }

    public async Task<IActionResult> OnPostRemoveRowAsync(Guid id, int row, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
        {
            return refusal;
        }
        Input.RemoveRow(row);
        return Redisplay();
    }

    /// <summary>The findings of the form as typed so far, as a partial the page's script swaps in beside each field.</summary>
    public async Task<IActionResult> OnPostValidateAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refusal)
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

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
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
        Input.DropNotApplicableRows();
        return null;
    }

    private async Task<ActionOutcome> SaveAsync(CancellationToken ct)
    {
        var (form, _) = Input.ToForm(Rules, Declaration.ReadForm());
        return await workflow.UpdateAsync(HttpContext.ToActor(), Declaration.Id, form, ExpectedVersion, ct);
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
                Evaluate();
                SubmitErrors = invalid.Findings.Select(f => (f, AnchorOf(KeyOf(f.Field)))).ToList();
                return Page();
        }
        Evaluate();
        return Page();
    }

    private PageResult Redisplay()
    {
        // The rows were renumbered: posted values in ModelState must not win over the new list.
        ModelState.Clear();
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
}
