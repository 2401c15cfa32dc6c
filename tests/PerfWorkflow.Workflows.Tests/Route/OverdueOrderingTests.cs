using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tests.Route.Calendar;

namespace PerfWorkflow.Workflows.Tests.Route;

/// <summary>The overdue list ordered and paged on the embedded profile's SQLite (the PostgreSQL run is in the end-to-end tests).</summary>
public sealed class OverdueOrderingTests : IDisposable
{
    private readonly SqliteConnection _connection = new("DataSource=:memory:");

    public OverdueOrderingTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public Task EveryColumn_BothDirections_PagesMakeTheWholeList_InTheColumnsOrder() =>
        new OverdueOrderingScenario(NewContext, new WorkingDayCalendar(RealCalendar.Folder)).RunAsync();

    private PerfWorkflowDbContext NewContext() =>
        new(new DbContextOptionsBuilder<PerfWorkflowDbContext>().UseSqlite(_connection).Options);
}
