using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tests.Route.Calendar;

namespace PerfWorkflow.Workflows.Tests.Route;

/// <summary>The overdue list ordered and paged on the embedded profile's SQLite (the PostgreSQL run is in the end-to-end tests).</summary>
public sealed class OverdueOrderingTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public Task EveryColumn_BothDirections_PagesMakeTheWholeList_InTheColumnsOrder() =>
        new OverdueOrderingScenario(_database.NewContext, new WorkingDayCalendar(RealCalendar.Folder)).RunAsync();
}
