using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Hosting;

/// <summary>
/// Proves the database is reachable (else one clear line), migrates when configured, and in the embedded profile creates
/// the SQLite file on first start. It does so in <see cref="StartingAsync"/>, which the host runs for every lifecycle
/// service before the first <c>StartAsync</c>: every other hosted service (calendar, seeder, outbox, jobs, bus) starts
/// on a migrated database, whatever the order in which they were registered.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    HostingOptions hosting,
    IOptions<DatabaseOptions> database,
    ILogger<DatabaseInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        if (hosting.Profile == AppProfile.Production)
        {
            await EnsureReachableAsync(db.Database.GetConnectionString()!, database.Value.ConnectTimeoutSeconds, cancellationToken);
            if (database.Value.MigrateOnStart)
            {
                await MigrateAsync(db, cancellationToken);
            }
            else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList() is { Count: > 0 } pending)
            {
                // Without this, the first page or job to touch a missing table would fail with a database error.
                throw new StartupException(
                    $"The database lacks {pending.Count} migration(s) ({string.Join(", ", pending)}): run the migrate verb (dotnet PerfWorkflow.Api.dll migrate) or set Database:MigrateOnStart=true.");
            }
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(db.Database.GetDbConnection().DataSource)!);
            if (await db.Database.EnsureCreatedAsync(cancellationToken))
            {
                logger.LogInformation("Created the embedded database {Path}", db.Database.GetDbConnection().DataSource);
            }
            // WAL lets the dispatcher and requests read while one writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies pending PostgreSQL migrations; used at start-up and by the migrate verb.</summary>
    public static async Task MigrateAsync(PerfWorkflowDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Opens one connection with a short timeout and turns any failure into a one-line StartupException.</summary>
    public static async Task EnsureReachableAsync(string connectionString, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = timeoutSeconds, Pooling = false };
        var where = $"{builder.Host}:{builder.Port}/{builder.Database}";
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException ex)
        {
            throw new StartupException($"Database {where} (ConnectionStrings:Main) refused the connection: {ex.SqlState} {ex.MessageText}", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            throw new StartupException($"Cannot reach the database at {where} (ConnectionStrings:Main): {ex.GetBaseException().Message}", ex);
        }
    }
}
