using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Telemetry;

namespace PerfWorkflow.Api.Hosting;

/// <summary>
/// Reads the backlog the gauges show (pending and failed mails, overdue tasks) every half minute with three counts, so a
/// metrics scrape never queries the database itself.
/// </summary>
public sealed class TelemetryGauges(
    IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<TelemetryGauges> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not before every hosted service has started: on a new database the migrations run in DatabaseInitializer.
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await ReadAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A database that is away for a moment leaves the last figures in place.
                logger.LogDebug(ex, "Backlog gauges not refreshed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task ReadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var now = clock.GetUtcNow();
        var pending = await db.MailDeliveries.LongCountAsync(m => m.Status == MailDeliveryStatus.Pending, ct);
        var failed = await db.MailDeliveries.LongCountAsync(m => m.Status == MailDeliveryStatus.Failed, ct);
        var overdue = await db.Tasks.LongCountAsync(t => t.CompletedAt == null && t.DueAt < now, ct);
        PerfWorkflowTelemetry.SetBacklog(pending, failed, overdue);
    }
}
