using System.Text.Json.Serialization;

namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>The reminders of docs/domain.md §5.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReminderKind>))]
public enum ReminderKind
{
    /// <summary>T-3: due in three working days.</summary>
    [JsonStringEnumMemberName("t-3")] DueInThreeWorkingDays,

    /// <summary>T-1: due on the next working day.</summary>
    [JsonStringEnumMemberName("t-1")] DueNextWorkingDay,

    /// <summary>T-0: due at the end of today.</summary>
    [JsonStringEnumMemberName("t-0")] DueToday,

    /// <summary>Daily while overdue, one per overdue working day.</summary>
    [JsonStringEnumMemberName("overdue")] Overdue,

    /// <summary>To the 科室负责人 and 办公室, once, from the first working day after the due date.</summary>
    [JsonStringEnumMemberName("escalation")] Escalation,
}

/// <summary>
/// A reminder due today. <see cref="Day"/> is the day of the reminder's unique key (task, kind, day): today for
/// T-3/T-1/T-0 and Overdue, but always the first overdue working day for Escalation — so a sweep that runs every day
/// (or missed that day) records the escalation exactly once.
/// </summary>
/// <param name="WorkingDaysLeft">Working days until the due date; negative when overdue (−1 on the first overdue day).</param>
public sealed record ScheduledReminder(ReminderKind Kind, DateOnly Day, int WorkingDaysLeft)
{
    /// <summary>The n of "OverdueDay n": working days past the due date, 0 when not overdue.</summary>
    public int OverdueWorkingDays => Math.Max(0, -WorkingDaysLeft);
}

/// <summary>Which reminders are due on a day for an open task; a pure function of the calendar.</summary>
public static class ReminderSchedule
{
    /// <summary>
    /// The reminders due on <paramref name="today"/> for a task due on <paramref name="dueDate"/>. Nothing is sent on
    /// a day off: the reminders of the policy are counted in working days and land on working days.
    /// </summary>
    public static IReadOnlyList<ScheduledReminder> DueOn(DateOnly dueDate, DateOnly today, IWorkingDayCalendar calendar)
    {
        if (!calendar.IsWorkingDay(today))
        {
            return [];
        }
        var left = calendar.WorkingDaysBetween(today, dueDate);
        return left switch
        {
            3 => [new(ReminderKind.DueInThreeWorkingDays, today, left)],
            1 => [new(ReminderKind.DueNextWorkingDay, today, left)],
            0 => [new(ReminderKind.DueToday, today, left)],
            < 0 =>
            [
                new(ReminderKind.Overdue, today, left),
                new(ReminderKind.Escalation, calendar.AddWorkingDays(dueDate, 1), left),
            ],
            _ => [],
        };
    }
}
