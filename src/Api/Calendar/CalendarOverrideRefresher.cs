using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Calendar;

/// <summary>
/// Puts the admins' calendar edits in force: once at start-up (after the database initializer), then every
/// <see cref="Interval"/> so an edit made on another node reaches this one within that time. The node where the edit
/// is made applies it at once (<see cref="CalendarEditor"/>).
/// </summary>
public sealed partial class CalendarOverrideRefresher(
    IServiceScopeFactory scopes,
    WorkingDayCalendar calendar,
    TimeProvider time,
    ILogger<CalendarOverrideRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Deadlines computed right after start must already see the edits; a bad edit stops start-up like a bad file.
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (CalendarConfigurationException ex)
        {
            throw new Hosting.StartupException($"Working-day calendar edits in the database are invalid: {ex.Message}", ex);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a moment; the calendar in memory stays valid meanwhile.
                LogRefreshFailed(ex);
            }
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await CalendarEditor.RefreshAsync(scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>(), calendar, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the working-day calendar edits; keeping the ones in force")]
    private partial void LogRefreshFailed(Exception ex);
}
