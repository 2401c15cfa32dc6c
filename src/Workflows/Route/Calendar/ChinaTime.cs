namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>China Standard Time (Asia/Shanghai), a fixed +08:00 with no daylight saving since 1991.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The instant <paramref name="time"/> on <paramref name="date"/> in +08:00.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), Offset);

    /// <summary>The instant expressed in +08:00.</summary>
    public static DateTimeOffset ToChina(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>Today's date in China — the date reminders and deadlines are counted on.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToChina(clock.GetUtcNow()).DateTime);
}
