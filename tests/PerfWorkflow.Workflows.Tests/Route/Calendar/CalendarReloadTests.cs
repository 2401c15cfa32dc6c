using PerfWorkflow.Workflows.Route.Calendar;
using static PerfWorkflow.Workflows.Tests.Route.Calendar.RealCalendar;

namespace PerfWorkflow.Workflows.Tests.Route.Calendar;

public sealed class CalendarReloadTests
{
    private static string RealFile(int year) => File.ReadAllText(Path.Combine(Folder, $"{year}.json"));

    [Fact]
    public void Reload_PicksUpAYearFileAddedByAnAdmin()
    {
        using var folder = new TempCalendarFolder();
        folder.Write("2024.json", RealFile(2024));
        var calendar = new WorkingDayCalendar(folder.Path);
        Assert.True(calendar.IsWorkingDay(D("2025-01-28")));
        Assert.Equal(CalendarYearStatus.Missing, calendar.GetYearStatus(2025));

        folder.Write("2025.json", RealFile(2025));
        calendar.Reload();

        Assert.False(calendar.IsWorkingDay(D("2025-01-28")));
        Assert.Equal(CalendarYearStatus.Confirmed, calendar.GetYearStatus(2025));
    }

    [Fact]
    public void Reload_KeepsThePreviousCalendar_WhenANewFileIsBad()
    {
        using var folder = new TempCalendarFolder();
        folder.Write("2025.json", RealFile(2025));
        var calendar = new WorkingDayCalendar(folder.Path);

        folder.Write("2026.json", RealFile(2026).Replace("\"2026-02-14\"", "\"2026-02-13\"", StringComparison.Ordinal));
        var error = Assert.Throws<CalendarConfigurationException>(calendar.Reload);

        Assert.Equal("2026.json", error.FileName);
        Assert.False(calendar.IsWorkingDay(D("2025-01-28")));
        Assert.Equal(CalendarYearStatus.Missing, calendar.GetYearStatus(2026));
    }

    [Fact]
    public async Task Readers_SeeEitherTheOldOrTheNewCalendar_WhileItReloads()
    {
        using var folder = new TempCalendarFolder();
        folder.Write("2024.json", RealFile(2024));
        var calendar = new WorkingDayCalendar(folder.Path);
        folder.Write("2025.json", RealFile(2025));
        using var stop = new CancellationTokenSource();

        // Without the 2025 file there are ten working days in (1-25, 2-8], with it six; a torn read would give another count.
        var reader = Task.Run(() =>
        {
            var seen = new HashSet<int>();
            while (!stop.IsCancellationRequested)
            {
                seen.Add(calendar.WorkingDaysBetween(D("2025-01-25"), D("2025-02-08")));
            }
            return seen;
        });
        for (var i = 0; i < 50; i++)
        {
            if (i % 2 == 0)
            {
                folder.Delete("2025.json");
            }
            else
            {
                folder.Write("2025.json", RealFile(2025));
            }
            calendar.Reload();
        }
        await stop.CancelAsync();
        var answers = await reader;

        Assert.Subset(new HashSet<int> { 10, 6 }, answers);
    }
}
