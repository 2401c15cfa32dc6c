using PerfWorkflow.Workflows.Route.Calendar;
using static PerfWorkflow.Workflows.Tests.Route.Calendar.RealCalendar;

namespace PerfWorkflow.Workflows.Tests.Route.Calendar;

public sealed class WorkingDayCalendarTests
{
    private readonly WorkingDayCalendar _calendar = Instance;

    [Theory]
    [InlineData("2024-09-29", true)]   // Sunday made up for 国庆节
    [InlineData("2024-09-30", true)]
    [InlineData("2024-10-01", false)]
    [InlineData("2024-10-04", false)]
    [InlineData("2024-10-07", false)]  // Monday, still 国庆节
    [InlineData("2024-10-08", true)]
    [InlineData("2024-10-12", true)]   // Saturday made up for 国庆节
    [InlineData("2024-10-13", false)]
    [InlineData("2024-09-14", true)]   // Saturday made up for 中秋节
    [InlineData("2024-09-16", false)]  // Monday, 中秋节
    [InlineData("2025-01-26", true)]   // Sunday made up for 春节
    [InlineData("2025-01-27", true)]
    [InlineData("2025-01-28", false)]
    [InlineData("2025-01-31", false)]
    [InlineData("2025-02-04", false)]  // Tuesday, last day of 春节
    [InlineData("2025-02-05", true)]
    [InlineData("2025-02-08", true)]   // Saturday made up for 春节
    [InlineData("2025-02-09", false)]
    [InlineData("2025-10-08", false)]  // 国庆节、中秋节 2025 runs eight days
    [InlineData("2025-10-11", true)]
    [InlineData("2026-01-02", false)]  // Friday, 元旦
    [InlineData("2026-01-04", true)]   // Sunday made up for 元旦
    [InlineData("2026-02-14", true)]   // Saturday made up for 春节
    [InlineData("2026-02-23", false)]  // Monday, 春节
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)]
    [InlineData("2026-03-07", false)]  // an ordinary Saturday
    [InlineData("2026-03-09", true)]   // an ordinary Monday
    public void IsWorkingDay_FollowsTheStateCouncilNotice(string date, bool expected)
    {
        Assert.Equal(expected, _calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void Describe_NamesTheHolidayAndTheHolidayAMakeUpDayIsFor()
    {
        var holiday = _calendar.Describe(D("2024-10-03"));
        var makeUp = _calendar.Describe(D("2024-10-12"));
        var weekend = _calendar.Describe(D("2024-10-19"));

        Assert.Equal((CalendarDayKind.Holiday, "国庆节", false), (holiday.Kind, holiday.HolidayName, holiday.IsWorkingDay));
        Assert.Equal((CalendarDayKind.MakeUpWorkday, "国庆节", true), (makeUp.Kind, makeUp.HolidayName, makeUp.IsWorkingDay));
        Assert.Equal((CalendarDayKind.Weekend, null, false), (weekend.Kind, weekend.HolidayName, weekend.IsProvisional));
    }

    [Theory]
    [InlineData("2024-09-30", 1, "2024-10-08")]   // over the whole 国庆 week
    [InlineData("2024-09-27", 1, "2024-09-29")]   // Friday → the make-up Sunday
    [InlineData("2024-10-11", 1, "2024-10-12")]   // Friday → the make-up Saturday
    [InlineData("2024-10-08", -1, "2024-09-30")]
    [InlineData("2024-10-08", -2, "2024-09-29")]
    [InlineData("2024-10-05", 0, "2024-10-05")]   // zero leaves even a holiday unchanged
    [InlineData("2025-01-24", 2, "2025-01-27")]   // Friday → Sunday 1-26 → Monday 1-27
    [InlineData("2025-01-27", 1, "2025-02-05")]   // over 春节 2025
    [InlineData("2025-02-10", -2, "2025-02-07")]  // back over the make-up Saturday 2-8
    [InlineData("2026-02-13", 1, "2026-02-14")]   // Friday → make-up Saturday before 春节 2026
    [InlineData("2026-02-14", 1, "2026-02-24")]
    [InlineData("2024-12-31", 1, "2025-01-02")]   // across the year end, over 元旦 2025
    public void AddWorkingDays_SkipsHolidaysAndCountsMakeUpDays(string from, int days, string expected)
    {
        Assert.Equal(D(expected), _calendar.AddWorkingDays(D(from), days));
    }

    [Theory]
    [InlineData("2024-09-30", "2024-10-08", 1)]
    [InlineData("2024-10-08", "2024-09-30", -1)]
    [InlineData("2024-09-28", "2024-10-12", 7)]   // 9-29, 9-30, 10-08 … 10-12
    [InlineData("2024-10-05", "2024-10-05", 0)]
    [InlineData("2025-01-25", "2025-02-08", 6)]   // 1-26, 1-27, 2-5 … 2-8
    public void WorkingDaysBetween_CountsWorkingDaysAfterFromUpToTo(string from, string to, int expected)
    {
        Assert.Equal(expected, _calendar.WorkingDaysBetween(D(from), D(to)));
    }

    [Fact]
    public void WorkingDaysBetween_UndoesAddWorkingDays_AroundTheNationalDayWeek()
    {
        for (var day = D("2024-09-10"); day <= D("2024-10-20"); day = day.AddDays(1))
        {
            // Backwards from a day off, the day off itself is not a working day to step over.
            for (var n = _calendar.IsWorkingDay(day) ? -6 : 0; n <= 6; n++)
            {
                Assert.Equal(n, _calendar.WorkingDaysBetween(day, _calendar.AddWorkingDays(day, n)));
            }
        }
    }

    [Fact]
    public void WorkingDaysBetween_IsTheDifferenceOfRunningCounts_EvenBackFromADayOff()
    {
        Assert.Equal(D("2024-10-08"), _calendar.AddWorkingDays(D("2024-10-13"), -5));
        Assert.Equal(-4, _calendar.WorkingDaysBetween(D("2024-10-13"), D("2024-10-08")));
    }

    [Fact]
    public void Years_AreLoadedFromTheRealFiles_With2027Unconfirmed()
    {
        Assert.Equal([2024, 2025, 2026, 2027], _calendar.Years.Select(y => y.Year));
        Assert.Equal(CalendarYearStatus.Confirmed, _calendar.GetYearStatus(2026));
        Assert.Equal(CalendarYearStatus.Unconfirmed, _calendar.GetYearStatus(2027));
        Assert.Equal(CalendarYearStatus.Missing, _calendar.GetYearStatus(2028));
        Assert.Equal(7, _calendar.Years[0].Holidays.Count);
        Assert.Equal(8, _calendar.Years[0].Workdays.Count);
    }

    [Fact]
    public void AnUnconfirmedYear_CountsWeekendsOnly_AndIsProvisional()
    {
        // 2027-01-01 is a Friday; without the notice it cannot be known as 元旦, so it counts as a working day.
        Assert.Equal(D("2027-01-01"), _calendar.AddWorkingDays(D("2026-12-31"), 1));
        Assert.Equal(D("2027-01-04"), _calendar.AddWorkingDays(D("2026-12-31"), 2));
        Assert.True(_calendar.Describe(D("2027-01-01")).IsProvisional);
        Assert.False(_calendar.Describe(D("2026-12-31")).IsProvisional);
        Assert.True(_calendar.IsProvisional(D("2026-12-28"), D("2027-01-04")));
        Assert.True(_calendar.IsProvisional(D("2027-01-04"), D("2026-12-28")));
        Assert.False(_calendar.IsProvisional(D("2024-01-01"), D("2026-12-31")));
    }
}
