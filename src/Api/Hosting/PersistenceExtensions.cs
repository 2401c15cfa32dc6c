using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Hosting;

public static class PersistenceExtensions
{
    public static void AddPersistence(this WebApplicationBuilder builder, HostingOptions hosting)
    {
        builder.BindValidated<DatabaseOptions>(DatabaseOptions.SectionName);
        if (hosting.Profile == AppProfile.Production)
        {
            var connectionString = PerfWorkflowDatabase.WithStatementReuse(builder.Configuration.GetConnectionString("Main")!);
            // Pooled contexts: a request no longer builds a DbContext and its services (the interceptors are singletons).
            builder.Services.AddDbContextPool<PerfWorkflowDbContext>((sp, o) =>
                o.UseNpgsql(connectionString, PerfWorkflowDatabase.ConfigureNpgsql).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            var path = Path.Combine(EmbeddedDataDirectory(builder, hosting), "perfworkflow.db");
            builder.Services.AddDbContext<PerfWorkflowDbContext>((sp, o) =>
                o.UseSqlite($"Data Source={path}", PerfWorkflowDatabase.ConfigureSqlite).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        // The initializer migrates in StartingAsync, before any hosted service's StartAsync, whatever the order of
        // registration; the seeder then fills a fresh database (demo data, or the production bootstrap admin).
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddHostedService<DemoDataSeeder>();
    }

    /// <summary>Production: one connection attempt with a short timeout; failure is a one-line StartupException.</summary>
    public static async Task EnsureDatabaseReachableAsync(this WebApplicationBuilder builder, HostingOptions hosting)
    {
        if (hosting.Profile != AppProfile.Production)
        {
            return;
        }
        var timeout = builder.Configuration.GetValue(DatabaseOptions.SectionName + ":" + nameof(DatabaseOptions.ConnectTimeoutSeconds), 5);
        await DatabaseInitializer.EnsureReachableAsync(builder.Configuration.GetConnectionString("Main")!, timeout, CancellationToken.None);
    }

    /// <summary>The embedded profile's data folder, relative to the content root unless absolute.</summary>
    public static string EmbeddedDataDirectory(this WebApplicationBuilder builder, HostingOptions hosting) =>
        Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, hosting.DataDirectory));
}
