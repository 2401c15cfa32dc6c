using Microsoft.EntityFrameworkCore;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tests.Route;

namespace PerfWorkflow.EndToEnd.Route;

/// <summary>The overdue list ordered and paged by PostgreSQL: the subqueries and CASE translate, and NULLs do not move rows.</summary>
public sealed class OverdueOrderingTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.NewContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public Task EveryColumn_BothDirections_PagesMakeTheWholeList_InTheColumnsOrder() =>
        new OverdueOrderingScenario(() => _database.NewContext(), new WorkingDayCalendar(Path.Combine(AppContext.BaseDirectory, "calendar"))).RunAsync();
}
