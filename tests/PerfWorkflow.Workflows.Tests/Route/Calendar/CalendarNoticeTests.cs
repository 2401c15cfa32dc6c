using PerfWorkflow.Workflows.Route.Calendar;
using static PerfWorkflow.Workflows.Tests.Route.Calendar.RealCalendar;

namespace PerfWorkflow.Workflows.Tests.Route.Calendar;

public sealed class CalendarNoticeTests
{
    [Fact]
    public void ForToday_WarnsAboutNextYear_WhenItsNoticeIsUnconfirmed()
    {
        var notice = Assert.Single(CalendarNotice.ForToday(RealCalendar.Instance, D("2026-11-26")));

        Assert.Equal((2027, CalendarYearStatus.Unconfirmed), (notice.Year, notice.Status));
        Assert.Contains("2027年节假日安排尚未确认", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForToday_IsSilent_WhenThisYearAndNextAreConfirmed()
    {
        Assert.Empty(CalendarNotice.ForToday(RealCalendar.Instance, D("2025-06-01")));
    }

    [Fact]
    public void AnInMemoryCalendarWithoutYears_CountsWeekendsOnly_AndCannotReload()
    {
        var calendar = new WorkingDayCalendar([]);

        Assert.True(calendar.IsWorkingDay(D("2024-10-01")));
        Assert.Equal(D("2024-10-07"), calendar.AddWorkingDays(D("2024-10-04"), 1));
        Assert.Equal(2, CalendarNotice.ForToday(calendar, D("2024-10-01")).Count);
        Assert.Throws<InvalidOperationException>(calendar.Reload);
    }
}
