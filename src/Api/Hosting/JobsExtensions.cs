using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Tasks;

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
        builder.BindValidated<ReminderOptions>(ReminderOptions.SectionName);
        builder.Services.AddScoped<ReminderSweepJob>();
        builder.Services.AddHostedService<RecurringJobsRegistration>();
    }

    /// <summary>The Hangfire dashboard at /hangfire, for 办公室 and admins only (DESIGN.md §4).</summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new OfficeDashboardAuthorization()],
            DashboardTitle = "PerfWorkflow 后台任务",
        });
}

/// <summary>Puts the recurring jobs in Hangfire's storage at start-up; every node does it, AddOrUpdate is idempotent.</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager jobs) : IHostedService
{
    public const string ReminderSweepId = "reminder-sweep";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<ReminderSweepJob>(ReminderSweepId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Signed-in 办公室 and admin users; Hangfire answers 401 to anonymous requests and 403 to other roles.</summary>
public sealed class OfficeDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        var allowed = user.Identity?.IsAuthenticated == true
            && (user.HasClaim(ClaimTypes.Role, nameof(UserRole.Office)) || user.HasClaim(ClaimTypes.Role, nameof(UserRole.Admin)));
        return Task.FromResult(allowed);
    }
}
