using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Workflows.Tests.Maintenance;

/// <summary>The nightly clean-up on the embedded profile's SQLite (the PostgreSQL run is in the end-to-end tests).</summary>
public sealed class RetentionJobTests : IDisposable
{
    private readonly SqliteConnection _connection = new("DataSource=:memory:");

    public RetentionJobTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public Task CleanUp_DeletesOnlyRowsPastTheirRetention_InBatches_AndASecondRunDeletesNothing() =>
        new RetentionScenario(NewContext).RunAsync();

    private PerfWorkflowDbContext NewContext() =>
        new(new DbContextOptionsBuilder<PerfWorkflowDbContext>().UseSqlite(_connection).Options);
}
