using Microsoft.EntityFrameworkCore;

namespace PerfWorkflow.EndToEnd.Infrastructure;

/// <summary>A test class with a migrated PostgreSQL database of its own and no app host.</summary>
public abstract class MigratedDatabaseTest : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await using var db = Database.NewContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
