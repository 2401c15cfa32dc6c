using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace PerfWorkflow.Workflows.Persistence;

/// <summary>Provider set-up shared by the app, the migrate verb and the design-time factory.</summary>
public static class PerfWorkflowDatabase
{
    public static void ConfigureNpgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__ef_migrations_history")
              .MigrationsAssembly(typeof(PerfWorkflowDatabase).Assembly.GetName().Name);

    public static void ConfigureSqlite(SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.MigrationsAssembly(typeof(PerfWorkflowDatabase).Assembly.GetName().Name);
}
