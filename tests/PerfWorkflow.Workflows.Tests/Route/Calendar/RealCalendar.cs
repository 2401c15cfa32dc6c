using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Tests.Route.Calendar;

/// <summary>The calendar loaded from the real infra/calendar files, copied next to the tests by the csproj.</summary>
internal static class RealCalendar
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "calendar");

    public static WorkingDayCalendar Instance { get; } = new(Folder);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");
}
