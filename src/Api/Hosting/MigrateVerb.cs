using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Hosting;

public static class MigrateVerb
{
    /// <summary><c>migrate</c>: apply migrations (PostgreSQL) or create the embedded database, then exit.</summary>
    public static async Task<int> MigrateAndExitAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var hosting = scope.ServiceProvider.GetRequiredService<HostingOptions>();
        if (hosting.Profile == AppProfile.Production)
        {
            var timeout = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectTimeoutSeconds;
            await DatabaseInitializer.EnsureReachableAsync(db.Database.GetConnectionString()!, timeout, CancellationToken.None);
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            await DatabaseInitializer.MigrateAsync(db, CancellationToken.None);
            Console.WriteLine(pending.Count == 0
                ? "Database is up to date."
                : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        }
        else
        {
            await app.Services.GetServices<IHostedService>().OfType<DatabaseInitializer>().Single().StartingAsync(CancellationToken.None);
            Console.WriteLine("Embedded database is ready.");
        }
        return 0;
    }
}
