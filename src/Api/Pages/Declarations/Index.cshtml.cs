using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Tasks;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>
/// 我的申报 / 全部申报: the declarations this user may see, with stage, amount, due date and findings; filters by cycle,
/// stage and 科室, a search by 项目名称 or 项目编码, sort by any column; the office and leaders act on many at once.
/// </summary>
public sealed class IndexModel(
    DeclarationWorkflow workflow, DeclarationBatch batch, PerfWorkflowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock) : PageModel
{
    /// <summary>The page shows at most this many rows (the whole of a filter for one bureau).</summary>
    public const int MaxRows = 2000;

    public sealed record Row(
        Guid Id, int Version, int CycleYear, string Section, string Name, string Code, string Stage, decimal AmountYuan,
        DueStatus Due, int Errors, int Warnings, IReadOnlyList<string> Actions, DeclarationProgress Progress);

    /// <summary>What a batch did to one row: done (with the stage now), or why not.</summary>
    public sealed record RowResult(bool Ok, string Text);

    [BindProperty(SupportsGet = true)]
    public int? Cycle { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Section { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    public IReadOnlyList<int> Cycles { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Sections { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool Truncated { get; private set; }

    public bool CanCreate { get; private set; }

    public bool IsSection { get; private set; }

    /// <summary>The batch actions this user has on the list (office: 纳入汇总/退回/不纳入汇总; leaders: 审定/退回).</summary>
    public IReadOnlyList<string> BatchActions { get; private set; } = [];

    public bool IsLeader { get; private set; }

    public IReadOnlyDictionary<Guid, RowResult> Results { get; private set; } = new Dictionary<Guid, RowResult>();

    public string? BatchSummary { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>One action on the selected rows (values "id:version"); each declaration on its own, the result shown per row.</summary>
    public async Task OnPostBatchAsync(string? batchAction, string? comment, string? to, [FromForm(Name = "selected")] string[]? selected, CancellationToken ct)
    {
        var action = batchAction;
        var actor = HttpContext.ToActor();
        var items = (selected ?? []).Select(Parse).OfType<BatchItem>().ToList();
        if (action is null || !ActionsFor(actor.Role).Contains(action))
        {
            BatchSummary = "请选择要执行的操作。";
        }
        else if (items.Count == 0)
        {
            BatchSummary = "请先勾选要处理的申报表。";
        }
        else if (items.Count > DeclarationBatch.MaxItems)
        {
            BatchSummary = $"一次最多处理 {DeclarationBatch.MaxItems} 张申报表，请缩小筛选范围后分批操作。";
        }
        else
        {
            var request = new ActionRequest { Comment = comment, Reason = action == ActionNames.Exclude ? comment : null, To = to };
            var results = await batch.ActAsync(actor, action, items, request, ct);
            Results = results.ToDictionary(r => r.Id, r => r.Ok
                ? new RowResult(true, $"已{ActionMessages.Label(action)}，现为「{StageLabels.For(r.Stage!)}」")
                : new RowResult(false, ActionMessages.Describe(r.Outcome) + (r.Outcome is ActionOutcome.Invalid i
                    ? string.Join("；", i.Findings.Take(3).Select(f => f.Message)) : "")));
            var done = results.Count(r => r.Ok);
            BatchSummary = $"「{ActionMessages.Label(action)}」：{done} 张已处理" + (done < results.Count ? $"，{results.Count - done} 张未处理（原因见各行“处理结果”）。" : "。");
        }
        await LoadAsync(ct);
    }

    private static BatchItem? Parse(string value)
    {
        var parts = value.Split(':');
        return Guid.TryParse(parts[0], out var id)
            ? new BatchItem(id, parts.Length > 1 && int.TryParse(parts[1], out var version) ? version : null)
            : null;
    }

    private static IReadOnlyList<string> ActionsFor(UserRole role) => role switch
    {
        UserRole.Office => [ActionNames.Accept, ActionNames.Return, ActionNames.Exclude],
        UserRole.BureauLeader => [ActionNames.Approve, ActionNames.Return],
        _ => [],
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        var actor = HttpContext.ToActor();
        IsSection = actor.Role.IsSection();
        IsLeader = actor.Role == UserRole.BureauLeader;
        BatchActions = ActionsFor(actor.Role);
        CanCreate = IsSection && await db.BudgetCycles.AnyAsync(ct);
        Cycles = await db.BudgetCycles.AsNoTracking().OrderByDescending(c => c.Year).Select(c => c.Year).ToListAsync(ct);
        Sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var query = workflow.VisibleTo(actor).AsNoTracking();
        if (Cycle is { } year)
        {
            query = query.Where(d => d.CycleYear == year);
        }
        if (Enum.TryParse<DeclarationStage>(Stage, ignoreCase: true, out var stage))
        {
            query = query.Where(d => d.Stage == stage);
        }
        if (!string.IsNullOrEmpty(Section) && !IsSection)
        {
            query = query.Where(d => d.SectionId == Section);
        }
        if (!DeclarationListQuery.SortKeys.Contains(Sort ?? ""))
        {
            Sort = null;
        }
        var now = clock.GetUtcNow();
        var declarations = await query.Matching(Q).SortedBy(Sort, Desc).Take(MaxRows + 1).ToListAsync(ct);
        Truncated = declarations.Count > MaxRows;
        var shown = declarations.Take(MaxRows).ToList();
        var progress = await DeclarationProgress.OfManyAsync(db, shown, id => Sections.GetValueOrDefault(id, id), ct);
        Rows = shown.Select(d => new Row(
            d.Id, d.Version, d.CycleYear, Sections.GetValueOrDefault(d.SectionId, d.SectionId), d.Name, d.Code,
            StageLabels.For(d.Stage.ToString()), d.CurrentYearAmountYuan, DueStatus.Of(d.DueAt, now, calendar), d.ErrorCount, d.WarningCount,
            BatchActions.Count == 0 ? [] : DeclarationWorkflow.PermittedActions(d, actor), progress[d.Id])).ToList();
    }

    /// <summary>The filters as route values (to keep them in sort links and the batch form).</summary>
    public Dictionary<string, string> Filters(string? sort = null, bool? desc = null)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }
        Add("cycle", Cycle?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("stage", Stage);
        Add("section", Section);
        Add("q", Q);
        Add("sort", sort ?? Sort);
        if (desc ?? Desc)
        {
            values["desc"] = "true";
        }
        return values;
    }

    /// <summary>A column header's link: the first click sorts ascending, the next one descending.</summary>
    public Dictionary<string, string> SortRoute(string key) => Filters(key, Sort == key && !Desc);

    public string? AriaSort(string key) => Sort == key ? (Desc ? "descending" : "ascending") : null;
}
