using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Calendar;

/// <summary>
/// Puts the admins' calendar edits in force: once at start-up (on the migrated database, see DatabaseInitializer), then every
/// <see cref="Interval"/> so an edit made on another node reaches this one within that time. The node where the edit
/// is made applies it at once (<see cref="CalendarEditor"/>). Each tick also reloads the year files when one was added
/// or changed, so a new year's file needs no restart.
/// </summary>
public sealed partial class CalendarOverrideRefresher(
    IServiceScopeFactory scopes,
    WorkingDayCalendar calendar,
    TimeProvider time,
    ILogger<CalendarOverrideRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private string? _filesSeen;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Deadlines computed right after start must already see the edits; a bad edit stops start-up like a bad file.
        _filesSeen = FilesSignature();
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
                await ReloadFilesIfChangedAsync(stoppingToken);
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database may be away for a moment; the calendar in memory stays valid meanwhile.
                LogRefreshFailed(ex);
            }
        }
    }

    /// <summary>
    /// Reloads changed year files, moving the due dates they move in one transaction (<see cref="CalendarEditor.ReloadFilesAsync"/>).
    /// Every node that sees the change does this; the second finds the due dates already counted on the new days and moves nothing.
    /// </summary>
    private async Task ReloadFilesIfChangedAsync(CancellationToken cancellationToken)
    {
        var seen = FilesSignature();
        if (seen == _filesSeen)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var moved = await scope.ServiceProvider.GetRequiredService<CalendarEditor>().ReloadFilesAsync(CalendarEditor.System, cancellationToken);
            _filesSeen = seen;
            LogFilesReloaded(calendar.Folder, moved.Tasks, moved.Declarations);
        }
        catch (Exception ex) when (ex is CalendarConfigurationException or IOException)
        {
            // Remembered when the file is bad: reported once, not every tick. A database error is retried next tick.
            _filesSeen = seen;
            LogFilesRefused(ex.Message);
        }
    }

    /// <summary>Names, sizes and times of the year files: changes when a file is added, removed or edited.</summary>
    private string? FilesSignature()
    {
        if (calendar.Folder.Length == 0 || !Directory.Exists(calendar.Folder))
        {
            return null;
        }
        return string.Join('|', new DirectoryInfo(calendar.Folder).GetFiles("*.json")
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => FormattableString.Invariant($"{f.Name}:{f.Length}:{f.LastWriteTimeUtc.Ticks}")));
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await CalendarEditor.RefreshAsync(scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>(), calendar, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Working-day calendar files reloaded from {Folder}; due dates moved: {Tasks} open tasks, {Declarations} declarations")]
    private partial void LogFilesReloaded(string folder, int tasks, int declarations);

    [LoggerMessage(Level = LogLevel.Error, Message = "Working-day calendar files refused, keeping the calendar in force: {Problem}")]
    private partial void LogFilesRefused(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh the working-day calendar edits; keeping the ones in force")]
    private partial void LogRefreshFailed(Exception ex);
}
