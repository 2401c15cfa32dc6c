namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>A year deadlines may fall in whose holiday notice is not loaded: the dashboard shows the message as a banner.</summary>
public sealed record CalendarNotice(int Year, CalendarYearStatus Status, string Message)
{
    /// <summary>
    /// Notices for this year and the next — the years a budget cycle's deadlines are counted in — that are not
    /// confirmed, so the admin learns of a missing file before a deadline depends on it.
    /// </summary>
    public static IReadOnlyList<CalendarNotice> ForToday(IWorkingDayCalendar calendar, DateOnly today)
    {
        var notices = new List<CalendarNotice>();
        foreach (var year in new[] { today.Year, today.Year + 1 })
        {
            var status = calendar.GetYearStatus(year);
            if (status != CalendarYearStatus.Confirmed)
            {
                var what = status == CalendarYearStatus.Missing ? "尚未载入" : "尚未确认";
                notices.Add(new CalendarNotice(year, status,
                    $"{year}年节假日安排{what}：截止日期暂按周末推算，标注为“暂定”。国务院办公厅通知发布后，请管理员添加 {year}.json 并重新载入日历。"));
            }
        }
        return notices;
    }
}
