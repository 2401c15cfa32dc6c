using Microsoft.EntityFrameworkCore;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Tests.Maintenance;

namespace PerfWorkflow.EndToEnd.Maintenance;

/// <summary>The nightly clean-up on PostgreSQL: the batched deletes translate to SQL and keep what must be kept.</summary>
public sealed class RetentionJobTests : IAsyncLifetime
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
    public Task CleanUp_DeletesOnlyRowsPastTheirRetention_InBatches_AndASecondRunDeletesNothing() =>
        new RetentionScenario(() => _database.NewContext()).RunAsync();
}
