using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PerfWorkflow.Workflows.Persistence;

/// <summary>Provider set-up shared by the app, the migrate verb and the design-time factory.</summary>
public static class PerfWorkflowDatabase
{
    public static void ConfigureNpgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history")
              .MigrationsAssembly(typeof(PerfWorkflowDatabase).Assembly.GetName().Name);

    /// <summary>
    /// The app's PostgreSQL connection string: statements the app repeats are prepared on each physical connection
    /// (<c>Max Auto Prepare</c> 64, after 2 uses) and a pooled connection is not reset when returned (<c>No Reset On
    /// Close</c>), which would also drop those prepared statements. Safe because the app leaves no session state on its
    /// connections: no SET, no session advisory lock, no temporary table (Hangfire has its own connection string).
    /// A keyword the operator already wrote in <c>ConnectionStrings:Main</c> wins (docs/infra.md, connection settings).
    /// </summary>
    public static string WithStatementReuse(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 64;
        }
        if (!given.Contains("AUTOPREPAREMINUSAGES"))
        {
            builder.AutoPrepareMinUsages = 2;
        }
        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    public static void ConfigureSqlite(SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.MigrationsAssembly(typeof(PerfWorkflowDatabase).Assembly.GetName().Name);
}
