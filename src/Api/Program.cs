using PerfWorkflow.Api.Admin;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Calendar;
using PerfWorkflow.Api.Cli;
using PerfWorkflow.Api.Declarations;
using PerfWorkflow.Api.Files;
using PerfWorkflow.Api.Hosting;
using PerfWorkflow.Api.Imports;
using PerfWorkflow.Api.Packages;
using PerfWorkflow.Api.Tasks;

if (CliVerbs.TryRun(args, Console.Out, Console.Error) is int exitCode)
{
    return exitCode;
}

var migrateOnly = args is ["migrate", ..];
try
{
    var builder = WebApplication.CreateBuilder(migrateOnly ? args[1..] : args);
    var hosting = builder.AddProfile();
    // Checked before the host is built so an unreachable database costs one line and no shutdown of half-started services.
    await builder.EnsureDatabaseReachableAsync(hosting);
    builder.AddReverseProxy();
    builder.AddTelemetry();
    builder.AddPersistence(hosting);
    builder.AddWorkflows();
    builder.AddAuth();
    builder.AddNotifications(hosting);
    builder.AddMessaging(hosting);
    builder.AddJobs(hosting);
    builder.AddHealth();
    builder.AddApi();
    builder.AddPortal();
    builder.AddImports();
    builder.AddActionLinks();
    builder.AddKeyRingProtection(hosting);
    builder.AddApiRequestGuard();
    builder.AddSecurityHeaders(hosting);
    builder.AddEmbeddedExposure(hosting);

    await using var app = builder.Build();
    if (migrateOnly)
    {
        return await app.MigrateAndExitAsync();
    }

    app.UseReverseProxy();
    app.UseSecurityHeaders();
    app.UseApi();
    app.UseApiRequestGuard();
    app.UseActionLinks();
    app.MapHealth();
    app.MapDeadLetterApi();
    app.MapDeliveriesApi();
    app.MapAuthApi();
    app.MapNotificationSettingsApi();
    app.MapDeclarationsApi();
    app.MapPackagesApi();
    app.MapWorkbooksApi();
    app.MapAttachmentsApi();
    app.MapImportsApi();
    app.MapApiDocs();
    app.MapTasksApi();
    app.UsePortal();
    app.MapCalendarApi();
    app.MapJobsDashboard();
    await app.RunAsync();
    return 0;
}
catch (StartupException ex)
{
    // One clear line for the operator; the details are in the inner exception, not needed to act.
    await Console.Error.WriteLineAsync($"PerfWorkflow cannot start: {ex.Message}");
    return 1;
}

public partial class Program;
