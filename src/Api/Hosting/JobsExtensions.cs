using Hangfire;
using Hangfire.PostgreSql;

namespace PerfWorkflow.Api.Hosting;

public static class JobsExtensions
{
    /// <summary>Hangfire: PostgreSQL storage (schema "hangfire") in production, in-memory in the embedded profile.</summary>
    public static void AddJobs(this WebApplicationBuilder builder, HostingOptions hosting)
    {
        var jobs = builder.BindValidated<JobsOptions>(JobsOptions.SectionName);
        var connectionString = builder.Configuration.GetConnectionString("Main");
        builder.Services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                  .UseSimpleAssemblyNameTypeSerializer()
                  .UseRecommendedSerializerSettings();
            if (hosting.Profile == AppProfile.Production)
            {
                config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(connectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        QueuePollInterval = jobs.QueuePollInterval,
                        DistributedLockTimeout = TimeSpan.FromMinutes(1),
                    });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        builder.Services.AddHangfireServer(o =>
        {
            o.WorkerCount = jobs.WorkerCount;
            o.SchedulePollingInterval = jobs.SchedulePollingInterval;
            o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });
    }
}
