using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Tasks;

/// <summary>A due time as 待办 (<see cref="TaskList"/>) and the portal's lists show it: the date, and working days left or overdue as a badge.</summary>
public sealed record DueStatus(string DueDate, string Badge, string CssClass, int? WorkingDays)
{
    public static readonly DueStatus None = new("—", "", "", null);

    public static DueStatus Of(DateTimeOffset? dueAt, DateTimeOffset now, IWorkingDayCalendar calendar)
    {
        if (dueAt is not { } due)
        {
            return None;
        }
        var dueChina = ChinaTime.ToChina(due);
        var date = DateOnly.FromDateTime(dueChina.DateTime);
        var today = DateOnly.FromDateTime(ChinaTime.ToChina(now).DateTime);
        var text = dueChina.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (now > due)
        {
            var late = Math.Max(calendar.WorkingDaysBetween(date, today), 0);
            return new DueStatus(text, late == 0 ? "今日已逾期" : $"逾期 {late} 个工作日", "badge overdue", -late);
        }
        var left = calendar.WorkingDaysBetween(today, date);
        return left <= 0
            ? new DueStatus(text, "今天到期", "badge warning", 0)
            : new DueStatus(text, $"剩 {left} 个工作日", left <= 3 ? "badge warning" : "badge", left);
    }
}
