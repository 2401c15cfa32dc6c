using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tests.Route;

namespace PerfWorkflow.EndToEnd.Route;

/// <summary>The overdue list ordered and paged by PostgreSQL: the subqueries and CASE translate, and NULLs do not move rows.</summary>
public sealed class OverdueOrderingTests : MigratedDatabaseTest
{
    [Fact]
    public Task EveryColumn_BothDirections_PagesMakeTheWholeList_InTheColumnsOrder() =>
        new OverdueOrderingScenario(() => Database.NewContext(), new WorkingDayCalendar(Path.Combine(AppContext.BaseDirectory, "calendar"))).RunAsync();
}
