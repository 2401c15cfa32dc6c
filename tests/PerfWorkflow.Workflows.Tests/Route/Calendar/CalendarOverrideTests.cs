using PerfWorkflow.Workflows.Route.Calendar;
using static PerfWorkflow.Workflows.Tests.Route.Calendar.RealCalendar;

namespace PerfWorkflow.Workflows.Tests.Route.Calendar;

public sealed class CalendarOverrideTests
{
    private static CalendarOverride Edit(long id, string date, CalendarOverrideKind kind, string? name = "国庆节") =>
        new() { Id = id, Date = D(date), Kind = kind, HolidayName = kind == CalendarOverrideKind.OrdinaryDay ? null : name, Note = "测试" };

    [Fact]
    public void TheLatestEditOfADate_Wins_WhateverTheOrderOfTheRows()
    {
        var calendar = new WorkingDayCalendar(Folder);

        calendar.ApplyOverrides([Edit(2, "2026-12-01", CalendarOverrideKind.OrdinaryDay), Edit(1, "2026-12-01", CalendarOverrideKind.Holiday)]);

        Assert.True(calendar.IsWorkingDay(D("2026-12-01")));
        Assert.Equal(2, calendar.Overrides[D("2026-12-01")].Id);
    }

    [Fact]
    public void AnOrdinaryDayEdit_TakesBackAFileHoliday_AndAMakeUpSaturdayCounts()
    {
        var calendar = new WorkingDayCalendar(Folder);
        Assert.False(calendar.IsWorkingDay(D("2026-10-07")));

        calendar.ApplyOverrides([Edit(1, "2026-10-07", CalendarOverrideKind.OrdinaryDay), Edit(2, "2026-11-28", CalendarOverrideKind.MakeUpWorkday)]);

        Assert.Equal(CalendarDayKind.Workday, calendar.Describe(D("2026-10-07")).Kind);
        Assert.Equal(D("2026-11-28"), calendar.AddWorkingDays(D("2026-11-27"), 1));
        Assert.DoesNotContain(calendar.SpecialDays(2026), d => d.Date == D("2026-10-07"));
        Assert.Contains(calendar.SpecialDays(2026), d => d.Date == D("2026-11-28") && d.Kind == CalendarDayKind.MakeUpWorkday);
    }

    [Theory]
    [InlineData("2026-11-27", CalendarOverrideKind.MakeUpWorkday)]
    [InlineData("2027-05-06", CalendarOverrideKind.Holiday)]
    public void AnEditTheFilesDoNotAllow_IsRefused_AndTheCalendarStaysAsItWas(string date, CalendarOverrideKind kind)
    {
        var calendar = new WorkingDayCalendar(Folder);
        calendar.ApplyOverrides([Edit(1, "2026-12-01", CalendarOverrideKind.Holiday)]);

        var error = Assert.Throws<CalendarConfigurationException>(() => calendar.ApplyOverrides([Edit(2, date, kind)]));

        Assert.Equal(WorkingDayCalendar.OverridesSource, error.FileName);
        Assert.False(calendar.IsWorkingDay(D("2026-12-01")));
        Assert.True(calendar.IsWorkingDay(D(date)));
    }

    [Fact]
    public void Reload_KeepsTheEditsInForce()
    {
        var calendar = new WorkingDayCalendar(Folder);
        calendar.ApplyOverrides([Edit(1, "2026-12-01", CalendarOverrideKind.Holiday)]);

        calendar.Reload();

        Assert.False(calendar.IsWorkingDay(D("2026-12-01")));
    }
}
