namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>
/// Working days on the Chinese calendar: weekends, public holidays and make-up working days (调休) from the State
/// Council notice of each year. A year whose notice is not loaded counts weekends only and is provisional.
/// </summary>
public interface IWorkingDayCalendar
{
    /// <summary>True on a weekday that is no holiday, and on a make-up Saturday or Sunday.</summary>
    bool IsWorkingDay(DateOnly date);

    /// <summary>What kind of day this is, with the holiday's name where there is one.</summary>
    CalendarDay Describe(DateOnly date);

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="date"/> (before it when negative);
    /// <paramref name="date"/> itself is never counted, and 0 returns it unchanged.
    /// </summary>
    DateOnly AddWorkingDays(DateOnly date, int workingDays);

    /// <summary>
    /// Working days in (from, to] when to is later, the negative count of working days in (to, from] when it is earlier:
    /// the difference of the running count of working days, so a due date on a day off is overdue on the next working
    /// day. <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c> for n ≥ 0, and for n &lt; 0 when d is a working day.
    /// </summary>
    int WorkingDaysBetween(DateOnly from, DateOnly to);

    /// <summary>Whether the year's notice is loaded (<see cref="CalendarYearStatus.Confirmed"/>) or the year is provisional.</summary>
    CalendarYearStatus GetYearStatus(int year);

    /// <summary>True when any year from <paramref name="from"/> to <paramref name="to"/> (either order) is not confirmed.</summary>
    bool IsProvisional(DateOnly from, DateOnly to);

    /// <summary>The year files currently loaded, in year order (for the admin page).</summary>
    IReadOnlyList<CalendarYear> Years { get; }
}

/// <summary>How far a year of the calendar can be trusted.</summary>
public enum CalendarYearStatus
{
    /// <summary>The year's notice is loaded: holidays and make-up days are exact.</summary>
    Confirmed,

    /// <summary>A file for the year exists but says the notice is not published yet: weekends only.</summary>
    Unconfirmed,

    /// <summary>No file for the year: weekends only.</summary>
    Missing,
}

/// <summary>The kind of a calendar day.</summary>
public enum CalendarDayKind
{
    Workday,
    Weekend,
    Holiday,
    MakeUpWorkday,
}

/// <summary>One day: its kind, the holiday it belongs to (for holidays and make-up days), and whether its year is provisional.</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string? HolidayName, bool IsProvisional)
{
    public bool IsWorkingDay => Kind is CalendarDayKind.Workday or CalendarDayKind.MakeUpWorkday;
}

/// <summary>One loaded year file.</summary>
public sealed record CalendarYear(
    int Year,
    bool Confirmed,
    string Source,
    string FileName,
    IReadOnlyList<PublicHoliday> Holidays,
    IReadOnlyList<MakeUpWorkday> Workdays);

/// <summary>A public holiday, <c>From</c> and <c>To</c> inclusive.</summary>
public sealed record PublicHoliday(string Name, DateOnly From, DateOnly To);

/// <summary>A Saturday or Sunday that is a working day, made up for the named holiday.</summary>
public sealed record MakeUpWorkday(DateOnly Date, string For);
