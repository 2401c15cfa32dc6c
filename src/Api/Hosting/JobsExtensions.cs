using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using PerfWorkflow.Api.Links;
using PerfWorkflow.Workflows.Maintenance;
using PerfWorkflow.Workflows.Notices;
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
        builder.Services.AddScoped<ReviewDigestJob>();

        var retention = builder.BindValidated<RetentionOptions>(RetentionOptions.SectionName);
        var linkLifetime = builder.BindValidated<ActionLinkOptions>(ActionLinkOptions.SectionName).Lifetime;
        if (retention.IdempotencyRecords < linkLifetime)
        {
            // A used action link is remembered as an idempotency record (ADR 003); pruned earlier, it would work again.
            throw new StartupException(
                $"Setting {RetentionOptions.SectionName}:{nameof(RetentionOptions.IdempotencyRecords)} ({retention.IdempotencyRecords}) must be at least {ActionLinkOptions.SectionName}:{nameof(ActionLinkOptions.Lifetime)} ({linkLifetime}).");
        }
        builder.Services.AddScoped<RetentionJob>();
        builder.Services.AddHostedService<RecurringJobsRegistration>();
    }

    /// <summary>The Hangfire dashboard at /hangfire, for 办公室 (read-only) and admins only (docs/architecture.md §6).</summary>
    public static void MapJobsDashboard(this WebApplication app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new OfficeDashboardAuthorization()],
            // 办公室 watches; only an admin may delete, trigger or requeue jobs (docs/security.md).
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(nameof(UserRole.Admin)),
            DashboardTitle = "PerfWorkflow 后台任务",
        });
}

/// <summary>Puts the recurring jobs in Hangfire's storage at start-up; every node does it, AddOrUpdate is idempotent.</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager jobs) : IHostedService
{
    public const string ReminderSweepId = "reminder-sweep";

    public const string RetentionId = "retention-clean-up";

    public const string ReviewDigestId = "review-digest";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<ReminderSweepJob>(ReminderSweepId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        // Every minute: the 【待审核】 digests due at the top of a working hour go out within a minute of it.
        jobs.AddOrUpdate<ReviewDigestJob>(ReviewDigestId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        // 19:00 UTC is 03:00 in China (no daylight saving): the quietest hour of the working day's night.
        jobs.AddOrUpdate<RetentionJob>(RetentionId, j => j.RunAsync(CancellationToken.None), Cron.Daily(19));
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
