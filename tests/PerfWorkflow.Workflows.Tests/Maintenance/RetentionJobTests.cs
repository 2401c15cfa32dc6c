namespace PerfWorkflow.Workflows.Tests.Maintenance;

/// <summary>The nightly clean-up on the embedded profile's SQLite (the PostgreSQL run is in the end-to-end tests).</summary>
public sealed class RetentionJobTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public Task CleanUp_DeletesOnlyRowsPastTheirRetention_InBatches_AndASecondRunDeletesNothing() =>
        new RetentionScenario(_database.NewContext).RunAsync();
}
