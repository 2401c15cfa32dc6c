namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>What an admin's edit makes of a day, on top of the year files.</summary>
public enum CalendarOverrideKind
{
    /// <summary>A public holiday (放假).</summary>
    Holiday,

    /// <summary>A Saturday or Sunday worked to make up for a holiday (调休上班).</summary>
    MakeUpWorkday,

    /// <summary>Neither: a weekday works, a weekend rests (a holiday or make-up day of the file is taken back).</summary>
    OrdinaryDay,
}

/// <summary>
/// One admin edit of the working-day calendar, kept forever (append-only, the audit trail of the calendar). The latest
/// row of a date is what the date is; the year files give every date without a row.
/// </summary>
public sealed class CalendarOverride
{
    public long Id { get; set; }

    public DateOnly Date { get; set; }

    public CalendarOverrideKind Kind { get; set; }

    /// <summary>The holiday's name, or for a make-up day the holiday it makes up for; null for an ordinary day.</summary>
    public string? HolidayName { get; set; }

    /// <summary>Why: the notice number or the instruction the admin acted on.</summary>
    public string Note { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public Guid ActorId { get; set; }

    public string ActorName { get; set; } = "";
}
