using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Pages.Admin;

/// <summary>
/// <c>/admin/calendar</c>: a year's holidays and make-up working days as in force (year file plus admin edits), whether
/// the year is confirmed, the edits with who and when, and the form to add or take back one day.
/// </summary>
[Authorize(Policy = PortalPolicies.Admin)]
public sealed class CalendarModel(WorkingDayCalendar calendar, CalendarEditor editor, TimeProvider clock) : PageModel
{
    /// <summary>Consecutive holiday days of one name, shown as one line.</summary>
    public sealed record HolidayRange(string Name, DateOnly From, DateOnly To, bool Edited)
    {
        public int Days => To.DayNumber - From.DayNumber + 1;
    }

    public sealed class EditInput
    {
        public CalendarEditAction Action { get; set; }

        public DateOnly? Date { get; set; }

        public string? Name { get; set; }

        public string? Note { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public EditInput Input { get; set; } = new();

    public IReadOnlyList<int> Years { get; private set; } = [];

    public CalendarYearStatus Status { get; private set; }

    public CalendarYear? YearFile { get; private set; }

    public IReadOnlyList<HolidayRange> Holidays { get; private set; } = [];

    public IReadOnlyList<CalendarDay> MakeUpDays { get; private set; } = [];

    public IReadOnlyList<CalendarOverride> History { get; private set; } = [];

    /// <summary>Open tasks due on each date an edit is in force for.</summary>
    public IReadOnlyDictionary<DateOnly, int> OpenTasksDue { get; private set; } = new Dictionary<DateOnly, int>();

    public string? Error { get; private set; }

    public bool IsEdited(DateOnly date) => calendar.Overrides.ContainsKey(date);

    /// <summary>The row of the history that is in force for its date (the others were superseded).</summary>
    public bool IsInForce(CalendarOverride row) => calendar.Overrides.TryGetValue(row.Date, out var current) && current.Id == row.Id;

    public static string StatusLabel(CalendarYearStatus status) => status switch
    {
        CalendarYearStatus.Confirmed => "已确认",
        CalendarYearStatus.Unconfirmed => "暂定（通知未发布）",
        _ => "暂定（未载入）",
    };

    public static string KindLabel(CalendarOverrideKind kind) => kind switch
    {
        CalendarOverrideKind.Holiday => "设为节假日",
        CalendarOverrideKind.MakeUpWorkday => "设为调休上班日",
        _ => "取消节假日 / 调休",
    };

    public static string ActionLabel(CalendarEditAction action) => action switch
    {
        CalendarEditAction.AddHoliday => "添加节假日（放假）",
        CalendarEditAction.RemoveHoliday => "取消节假日",
        CalendarEditAction.AddMakeUpWorkday => "添加调休上班日",
        _ => "取消调休上班日",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Input.Date is not { } date || !Enum.IsDefined(Input.Action))
        {
            return await RefuseAsync("请选择操作并填写有效的日期（yyyy-MM-dd）。", ct);
        }
        var outcome = await editor.ApplyAsync(new CalendarEdit(Input.Action, date, Input.Name, Input.Note), HttpContext.ToActor(), ct);
        if (!outcome.Applied)
        {
            Year ??= date.Year;
            return await RefuseAsync(outcome.Message, ct);
        }
        TempData["Flash"] = outcome.Message;
        return RedirectToPage(new { year = date.Year });
    }

    /// <summary>Re-reads the year files on this node now, moving the due dates they move (the other nodes notice a changed file within a minute).</summary>
    public async Task<IActionResult> OnPostReloadAsync(CancellationToken ct)
    {
        DueDateShift moved;
        try
        {
            moved = await editor.ReloadFilesAsync(HttpContext.ToActor(), ct);
        }
        catch (CalendarConfigurationException ex)
        {
            return await RefuseAsync($"年度文件有误，仍使用原日历：{ex.Message}", ct);
        }
        var years = string.Join("、", calendar.Years.Select(y => $"{y.Year}（{StatusLabel(calendar.GetYearStatus(y.Year))}）"));
        var note = moved == DueDateShift.None ? "" : $"{moved.Tasks} 项未办结待办、{moved.Declarations} 张申报表的截止日期已按新日历重新计算。";
        TempData["Flash"] = $"已重新载入年度文件：{years}。{note}";
        return RedirectToPage(new { year = Year });
    }

    private async Task<IActionResult> RefuseAsync(string message, CancellationToken ct)
    {
        Error = message;
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = ChinaTime.Today(clock);
        Years = [.. calendar.Years.Select(y => y.Year).Append(today.Year).Append(today.Year + 1).Distinct().Order()];
        var year = Year is { } asked && Years.Contains(asked) ? asked : today.Year;
        Year = year;
        Status = calendar.GetYearStatus(year);
        YearFile = calendar.Years.FirstOrDefault(y => y.Year == year);
        var special = calendar.SpecialDays(year);
        Holidays = GroupHolidays(special.Where(d => d.Kind == CalendarDayKind.Holiday));
        MakeUpDays = [.. special.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday)];
        History = await editor.HistoryAsync(year, ct);
        var counts = new Dictionary<DateOnly, int>();
        foreach (var date in calendar.Overrides.Keys.Where(d => d.Year == year))
        {
            counts[date] = await editor.CountOpenTasksDueOnAsync(date, ct);
        }
        OpenTasksDue = counts;
    }

    private List<HolidayRange> GroupHolidays(IEnumerable<CalendarDay> days)
    {
        var ranges = new List<HolidayRange>();
        foreach (var day in days)
        {
            var edited = IsEdited(day.Date);
            if (ranges.Count > 0 && ranges[^1] is var last && last.Name == day.HolidayName && last.To.AddDays(1) == day.Date)
            {
                ranges[^1] = last with { To = day.Date, Edited = last.Edited || edited };
            }
            else
            {
                ranges.Add(new HolidayRange(day.HolidayName ?? "", day.Date, day.Date, edited));
            }
        }
        return ranges;
    }
}
