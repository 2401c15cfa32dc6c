using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Pages.Office;

/// <summary>The office's home: where every declaration stands, what is overdue and whose it is, how long stages take.</summary>
[Authorize(Policy = PortalPolicies.Office)]
public sealed class DashboardModel(PerfWorkflowDbContext db, OverdueQuery overdue, DashboardQuery figures, IWorkingDayCalendar calendar, TimeProvider clock) : PageModel
{
    /// <summary>Sortable columns of the overdue list (query-string value → what it sorts by).</summary>
    public static IReadOnlyList<(string Key, string Label, OverdueOrder Order)> Columns { get; } =
    [
        ("code", "项目编码", OverdueOrder.Code), ("name", "项目名称", OverdueOrder.Name), ("section", "科室", OverdueOrder.Section),
        ("type", "项目类型", OverdueOrder.ProjectType), ("stage", "当前环节", OverdueOrder.Stage),
        ("holder", "办理人 / 待办组", OverdueOrder.Holder), ("due", "截止时间", OverdueOrder.Due), ("overdue", "逾期（工作日）", OverdueOrder.Overdue),
    ];

    public static IReadOnlyList<DeclarationStage> RouteStages { get; } =
        [.. Enum.GetValues<DeclarationStage>().Where(s => s != DeclarationStage.Excluded)];

    [BindProperty(SupportsGet = true)]
    public int? Cycle { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Section { get; set; }

    [BindProperty(SupportsGet = true)]
    public DeclarationStage? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    /// <summary>"overdue" (default) lists only what is late; "open" every declaration with a due time.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Desc { get; set; }

    /// <summary>Rows of the list shown per page; the CSV export holds them all.</summary>
    public const int PageSize = 100;

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public Pager Pager { get; private set; } = null!;

    /// <summary>The link to another page of the list: same filters and sort.</summary>
    private string PageHref(int page) => Url.Page("/Office/Dashboard", new RouteValueDictionary(Filters())
    {
        ["sort"] = Sort,
        ["desc"] = Sort is null ? null : Desc.ToString(),
        ["p"] = page.ToString(CultureInfo.InvariantCulture),
    })!;

    public bool OverdueOnly => Scope != "open";

    public IReadOnlyList<int> Cycles { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Sections { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyList<(string Code, string Label)> ProjectTypes { get; private set; } = [];

    /// <summary>The rows of the current page.</summary>
    public IReadOnlyList<OverdueItem> Items { get; private set; } = [];

    /// <summary>How many rows the whole list has, and how many of them are overdue.</summary>
    public OverdueCounts Counted { get; private set; } = new(0, 0);

    /// <summary>科室 → stage → count, for the cycle.</summary>
    public IReadOnlyDictionary<string, Dictionary<DeclarationStage, int>> Counts { get; private set; } = new Dictionary<string, Dictionary<DeclarationStage, int>>();

    public IReadOnlyList<StageTime> TimeInStage { get; private set; } = [];

    public BarChart Funnel { get; private set; } = null!;

    public BarChart OverdueBySection { get; private set; } = null!;

    public IReadOnlyList<CalendarNotice> Notices { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadListAsync(ct);
        await LoadPageAsync(ct);
        var cycle = Cycle!.Value;
        var today = ChinaTime.Today(clock);
        Notices = CalendarNotice.ForToday(calendar, today);

        var counts = await figures.CountsAsync(cycle, ct);
        Counts = counts.GroupBy(r => r.SectionId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(s => s.Stage, s => s.Count));
        TimeInStage = await figures.TimeInStageAsync(cycle, today, ct);

        var byStage = counts.Where(r => r.Stage != DeclarationStage.Excluded).GroupBy(r => r.Stage).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        var inRoute = byStage.Values.Sum();
        Funnel = new BarChart("funnel", "申报环节漏斗", $"{cycle}年度共 {inRoute} 张申报表（不含不纳入汇总），各条为已到达该环节及以后的张数。",
            [.. RouteStages.Select(s => new BarChart.Bar(StageLabels.For(s.ToString()), byStage.Where(b => b.Key >= s).Sum(b => b.Value)))]);

        var bySection = await overdue.OverdueBySectionAsync(new DeadlineFilter(cycle), ct);
        OverdueBySection = new BarChart("overdue-by-section", "各科室逾期申报表", $"{cycle}年度逾期共 {bySection.Values.Sum()} 张，按科室统计。",
            [.. Counts.Keys.Union(bySection.Keys).Order(StringComparer.Ordinal)
                .Select(k => new BarChart.Bar(Sections.GetValueOrDefault(k, k), bySection.GetValueOrDefault(k)))], "overdue");
        return Page();
    }

    /// <summary>The list as filtered and sorted on screen, as CSV with a UTF-8 BOM so Excel reads the Chinese.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await ExportRowsAsync(ct);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', ExportHeader.Select(CsvField)));
        foreach (var row in rows)
        {
            csv.AppendLine(string.Join(',', row.Select(c => CsvField(Convert.ToString(c, CultureInfo.InvariantCulture) ?? ""))));
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"{ExportName}.csv");
    }

    /// <summary>The CSV's twin as a workbook: the same rows, 逾期工作日 as a number.</summary>
    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        var rows = await ExportRowsAsync(ct);
        var buffer = new MemoryStream();
        Workflows.Export.DeclarationWorkbook.WriteTable(buffer, OverdueOnly ? "逾期申报" : "在办申报", ExportHeader, rows);
        buffer.Position = 0;
        return File(buffer, Workflows.Export.DeclarationWorkbook.ContentType, $"{ExportName}.xlsx");
    }

    private static IReadOnlyList<string> ExportHeader => [.. Columns.Select(c => c.Label), "截止时间暂定"];

    private string ExportName => $"{(OverdueOnly ? "逾期申报" : "在办申报")}-{Cycle}-{ChinaTime.Today(clock):yyyyMMdd}";

    private async Task<List<IReadOnlyList<object?>>> ExportRowsAsync(CancellationToken ct)
    {
        await LoadListAsync(ct);
        var items = await overdue.ListAsync(ListFilter, SortOrder, IsDescending, skip: 0, take: null, ct);
        return items.Select(item => (IReadOnlyList<object?>)
        [
            item.Code, item.Name, Sections.GetValueOrDefault(item.SectionId, item.SectionId), ProjectType(item),
            OfficeDisplay.Stage(item.Stage), OfficeDisplay.Holder(item, Sections), OfficeDisplay.Time(item.DueAt),
            item.WorkingDaysOverdue, item.DueIsProvisional ? "是" : "否",
        ]).ToList();
    }

    public static string ProjectType(OverdueItem item) => $"{item.ProjectTypeCode} {item.ProjectTypeName}".Trim();

    /// <summary>The query string for a column header: same filters, this column, flipping direction when already sorted by it.</summary>
    public Dictionary<string, string?> SortRoute(string column) => new(Filters())
    {
        ["sort"] = column,
        ["desc"] = (SortKey == column ? !IsDescending : column == "overdue").ToString(),
    };

    public Dictionary<string, string?> Filters() => new()
    {
        ["cycle"] = Cycle?.ToString(CultureInfo.InvariantCulture),
        ["section"] = Section,
        ["stage"] = Stage?.ToString(),
        ["type"] = Type,
        ["scope"] = Scope,
    };

    /// <summary>The default (no sort chosen) is most overdue first; a chosen column sorts ascending unless desc=true.</summary>
    public bool IsDescending => Sort is null || Desc;

    public string SortKey => Columns.Any(c => c.Key == Sort) ? Sort! : "overdue";

    private OverdueOrder SortOrder => Columns.First(c => c.Key == SortKey).Order;

    /// <summary>aria-sort of a header: tells a screen reader which column orders the list.</summary>
    /// <summary>A count cell's link: the declaration list filtered to this cycle, 科室 and stage.</summary>
    public string ListLink(string? section, DeclarationStage? stage) =>
        QueryHelpers.AddQueryString("/declarations", new Dictionary<string, string?>
        {
            ["cycle"] = Cycle?.ToString(CultureInfo.InvariantCulture),
            ["section"] = section,
            ["stage"] = stage?.ToString(),
        }.Where(p => p.Value is not null));

    public string? AriaSort(string column) => SortKey == column ? (IsDescending ? "descending" : "ascending") : null;

    private async Task LoadListAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Cycles = await db.BudgetCycles.AsNoTracking().OrderByDescending(c => c.Year).Select(c => c.Year).ToListAsync(ct);
        Cycle ??= await db.OpenCycleAsync(ct) ?? ChinaTime.Today(clock).Year + 1;
        Sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        ProjectTypes = await figures.ProjectTypesAsync(Cycle.Value, ct);
    }

    /// <summary>The page of the list on screen: counted, then only its own rows read, ordered by the database.</summary>
    private async Task LoadPageAsync(CancellationToken ct)
    {
        Counted = await overdue.CountAsync(ListFilter, ct);
        Pager = new Pager(PageNumber, Counted.Listed, PageSize, PageHref, "逾期列表分页", $"（每页 {PageSize} 张，共 {Counted.Listed} 张；导出 CSV 含全部）");
        Items = await overdue.ListAsync(ListFilter, SortOrder, IsDescending, Pager.Skip, PageSize, ct);
    }

    private DeadlineFilter ListFilter => new(Cycle, Section, Stage, Type, OverdueOnly);

    /// <summary>Quotes a CSV field and defuses formula prefixes (= + - @ tab CR) so a name like "=1+1" stays text in Excel.</summary>
    public static string CsvField(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) && !decimal.TryParse(value, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
