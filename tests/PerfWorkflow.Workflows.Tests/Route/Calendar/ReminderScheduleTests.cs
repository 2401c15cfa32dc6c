using PerfWorkflow.Workflows.Route.Calendar;
using static PerfWorkflow.Workflows.Tests.Route.Calendar.RealCalendar;

namespace PerfWorkflow.Workflows.Tests.Route.Calendar;

public sealed class ReminderScheduleTests
{
    // A task due on Tuesday 2024-10-08, the first working day after the 国庆 week. Expected: "kind@day" per reminder.
    [Theory]
    [InlineData("2024-09-26", "")]                                           // four working days left
    [InlineData("2024-09-27", "DueInThreeWorkingDays@2024-09-27")]          // 9-29, 9-30, 10-08
    [InlineData("2024-09-28", "")]                                           // Saturday off
    [InlineData("2024-09-29", "")]                                           // make-up Sunday: two left, no reminder
    [InlineData("2024-09-30", "DueNextWorkingDay@2024-09-30")]
    [InlineData("2024-10-03", "")]                                           // holiday
    [InlineData("2024-10-07", "")]                                           // Monday, still holiday
    [InlineData("2024-10-08", "DueToday@2024-10-08")]
    [InlineData("2024-10-09", "Overdue@2024-10-09 Escalation@2024-10-09")]
    [InlineData("2024-10-10", "Overdue@2024-10-10 Escalation@2024-10-09")]  // escalation keeps its first day: fires once
    [InlineData("2024-10-12", "Overdue@2024-10-12 Escalation@2024-10-09")]  // make-up Saturday is a working day
    [InlineData("2024-10-13", "")]                                           // Sunday off
    public void DueOn_GivesTheRemindersOfThePolicy(string today, string expected)
    {
        var reminders = ReminderSchedule.DueOn(D("2024-10-08"), D(today), Instance);

        Assert.Equal(expected, string.Join(" ", reminders.Select(r => $"{r.Kind}@{r.Day:yyyy-MM-dd}")));
    }

    [Theory]
    [InlineData("2024-10-09", 1)]
    [InlineData("2024-10-11", 3)]
    [InlineData("2024-10-12", 4)]
    [InlineData("2024-10-14", 5)]
    public void DueOn_CountsOverdueDaysInWorkingDays(string today, int overdueDays)
    {
        var overdue = ReminderSchedule.DueOn(D("2024-10-08"), D(today), Instance).Single(r => r.Kind == ReminderKind.Overdue);

        Assert.Equal(overdueDays, overdue.OverdueWorkingDays);
    }

    [Fact]
    public void DueOn_TreatsADueDateOnADayOffAsDueOnTheWorkingDayBefore()
    {
        // Due on Saturday 2024-10-05 (a holiday): Monday 9-30 is T-0, Tuesday 10-08 the first overdue day.
        Assert.Equal(ReminderKind.DueToday, ReminderSchedule.DueOn(D("2024-10-05"), D("2024-09-30"), Instance).Single().Kind);
        Assert.Equal(
            [ReminderKind.Overdue, ReminderKind.Escalation],
            ReminderSchedule.DueOn(D("2024-10-05"), D("2024-10-08"), Instance).Select(r => r.Kind));
    }

    [Fact]
    public void DueOn_CountsAcrossTheYearEndIntoAnUnconfirmedYear_ByWeekendsOnly()
    {
        // 2027-01-01 (Friday) counts as a working day while 2027 is unconfirmed: T-1 falls on 2026-12-31.
        Assert.Equal(ReminderKind.DueNextWorkingDay, ReminderSchedule.DueOn(D("2027-01-01"), D("2026-12-31"), Instance).Single().Kind);
    }
}
