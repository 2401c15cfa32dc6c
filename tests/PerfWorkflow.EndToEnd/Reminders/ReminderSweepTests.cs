using System.Data.Common;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.EndToEnd.Reminders;

/// <summary>
/// The reminder sweep on the real PostgreSQL and RabbitMQ, driven by a fake clock across 国庆 2026 (holiday 10-01..10-07,
/// make-up working days Sun 09-20 and Sat 10-10 in infra/calendar/2026.json). Each test has its own database.
/// </summary>
public sealed class ReminderSweepTests : IAsyncLifetime
{
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);
    private static readonly DateOnly DueDate = new(2026, 10, 9);
    private static readonly TimeOnly SweepTime = ClockedHosts.SweepTime;

    private ClockedHosts _hosts = null!;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _hosts = await ClockedHosts.CreateAsync();
        _database = _hosts.Database;
    }

    public Task DisposeAsync() => _hosts.DisposeAsync().AsTask();

    /// <summary>
    /// The policy worked out by hand on the official calendar for a task due Fri 10-09: T-3 is Tue 09-29 (Wed 09-30 is
    /// T-2, the holiday week counts nothing), T-1 Thu 10-08, T-0 Fri 10-09; the make-up Saturday 10-10 is the first
    /// overdue working day and brings the escalation; Sun 10-11 is off; then overdue Mon 10-12 and Tue 10-13.
    /// </summary>
    private static ReceivedReminder[] ExpectedEvents(Guid taskId) =>
    [
        new(taskId, nameof(TaskDueSoon), new DateOnly(2026, 9, 29), 3),
        new(taskId, nameof(TaskDueSoon), new DateOnly(2026, 10, 8), 1),
        new(taskId, nameof(TaskDueSoon), new DateOnly(2026, 10, 9), 0),
        new(taskId, nameof(TaskEscalated), new DateOnly(2026, 10, 10), 1),
        new(taskId, nameof(TaskOverdue), new DateOnly(2026, 10, 10), 1),
        new(taskId, nameof(TaskOverdue), new DateOnly(2026, 10, 12), 2),
        new(taskId, nameof(TaskOverdue), new DateOnly(2026, 10, 13), 3),
    ];

    private static readonly (ReminderKind Kind, DateOnly Day)[] ExpectedRows =
    [
        (ReminderKind.DueInThreeWorkingDays, new DateOnly(2026, 9, 29)),
        (ReminderKind.DueNextWorkingDay, new DateOnly(2026, 10, 8)),
        (ReminderKind.DueToday, new DateOnly(2026, 10, 9)),
        (ReminderKind.Overdue, new DateOnly(2026, 10, 10)),
        (ReminderKind.Escalation, new DateOnly(2026, 10, 10)),
        (ReminderKind.Overdue, new DateOnly(2026, 10, 12)),
        (ReminderKind.Overdue, new DateOnly(2026, 10, 13)),
    ];

    [Fact]
    public async Task HolidayWeek_SweptDailyByTheClock_SendsEachReminderOnce_OnWorkingDaysOnly()
    {
        var clock = ClockedHosts.ClockAt(new DateOnly(2026, 9, 24));
        var app = _hosts.Start(clock);
        await using var recorder = await ReminderRecorder.ConnectAsync(app.Services);
        var task = await AddOpenTasksAsync(app, 1, DueDate);
        var finished = await AddOpenTasksAsync(app, 1, DueDate);
        var later = await AddOpenTasksAsync(app, 1, new DateOnly(2026, 11, 30));
        await CompleteAsync(app, finished[0], clock.GetUtcNow());

        var secondRuns = new List<int>();
        await _hosts.EachDayAsync(clock, new DateOnly(2026, 10, 13), DeliveryTimeout, async _ =>
        {
            await ClockedHosts.SweepAsync(app);
            secondRuns.Add(await ClockedHosts.SweepAsync(app));
        });
        await recorder.WaitForCountAsync(ExpectedRows.Length, DeliveryTimeout);

        Assert.Equal(ExpectedEvents(task[0]), recorder.For(task[0]));
        Assert.Equal(ExpectedRows.Length, recorder.Received.Count);
        Assert.Equal(ExpectedRows.OrderBy(r => r.Day).ThenBy(r => r.Kind), await RowsOfAsync(app, task[0]));
        Assert.Empty(await RowsOfAsync(app, finished[0]));
        Assert.Empty(await RowsOfAsync(app, later[0]));
        Assert.All(secondRuns, n => Assert.Equal(0, n));
    }

    [Fact]
    public async Task CompletedTask_GetsNoFurtherReminders()
    {
        var clock = ClockedHosts.ClockAt(new DateOnly(2026, 10, 8));
        var app = _hosts.Start(clock);
        await using var recorder = await ReminderRecorder.ConnectAsync(app.Services);
        var task = await AddOpenTasksAsync(app, 1, DueDate);

        await _hosts.EachDayAsync(clock, new DateOnly(2026, 10, 13), DeliveryTimeout, async day =>
        {
            await ClockedHosts.SweepAsync(app);
            if (day == DueDate)
            {
                await CompleteAsync(app, task[0], clock.GetUtcNow().AddHours(2));
            }
        });
        await recorder.WaitForCountAsync(2, DeliveryTimeout);

        Assert.Equal(ExpectedEvents(task[0])[1..3], recorder.For(task[0]));
        Assert.Equal(2, recorder.Received.Count);
        Assert.Equal(ExpectedRows[1..3], await RowsOfAsync(app, task[0]));
    }

    [Fact]
    public async Task TwoHosts_SweepingConcurrently_RecordAndPublishEachReminderOnce()
    {
        const int tasks = 200;
        var clock = ClockedHosts.ClockAt(new DateOnly(2026, 9, 28));
        var first = _hosts.Start(clock);
        var second = _hosts.Start(clock);
        await using var recorder = await ReminderRecorder.ConnectAsync(first.Services);
        var ids = await AddOpenTasksAsync(first, tasks, DueDate);

        await _hosts.EachDayAsync(clock, new DateOnly(2026, 10, 13), DeliveryTimeout, _ =>
            Task.WhenAll(ClockedHosts.SweepAsync(first), ClockedHosts.SweepAsync(second), ClockedHosts.SweepAsync(first), ClockedHosts.SweepAsync(second)));
        await recorder.WaitForCountAsync(tasks * ExpectedRows.Length, DeliveryTimeout);

        Assert.Equal(tasks * ExpectedRows.Length, recorder.Received.Count);
        Assert.All(ids, id => Assert.Equal(ExpectedEvents(id), recorder.For(id)));
        Assert.Equal(tasks * ExpectedRows.Length, await _database.ScalarAsync<long>("SELECT count(*) FROM task_reminders"));
        Assert.Equal(0L, await _database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task ReminderAlreadyRecordedByAnotherHost_IsSkipped_AndTheRestOfTheBatchIsRecorded()
    {
        var clock = ClockedHosts.ClockAt(new DateOnly(2026, 9, 29));
        var rival = new RivalHostInsert(_database.ConnectionString);
        var app = _hosts.Start(clock, rival);
        await using var recorder = await ReminderRecorder.ConnectAsync(app.Services);
        var ids = await AddOpenTasksAsync(app, 20, DueDate);
        rival.TaskId = ids[7];

        var recorded = await ClockedHosts.SweepAsync(app);
        await recorder.WaitForCountAsync(19, DeliveryTimeout);

        Assert.Equal(19, recorded);
        Assert.Equal(19, recorder.Received.Count);
        Assert.Empty(recorder.For(ids[7]));
        var rows = await RowsOfAsync(app, null);
        Assert.Equal(ids.Order(), rows.Select(r => r.TaskId).Order());
        Assert.All(rows, r => Assert.Equal(ExpectedRows[0], (r.Kind, r.Day)));
    }

    [Fact]
    public async Task TaskFinished_BetweenTheSweepsReadAndItsInsert_GetsNoReminder_AndTheOpenTaskGetsItsOwn()
    {
        var clock = ClockedHosts.ClockAt(new DateOnly(2026, 9, 29));
        var closer = new TaskClosedBeforeReminderInsert(_database.ConnectionString);
        var app = _hosts.Start(clock, closer);
        await using var recorder = await ReminderRecorder.ConnectAsync(app.Services);
        var ids = await AddOpenTasksAsync(app, 2, DueDate);
        closer.TaskId = ids[1];

        var recorded = await ClockedHosts.SweepAsync(app);
        await recorder.WaitForCountAsync(1, DeliveryTimeout);

        Assert.Equal(1, closer.Affected);
        Assert.Equal(1, recorded);
        Assert.Equal(ExpectedEvents(ids[0])[..1], recorder.For(ids[0]));
        Assert.Empty(recorder.For(ids[1]));
        Assert.Equal(ExpectedRows[..1], await RowsOfAsync(app, ids[0]));
        Assert.Empty(await RowsOfAsync(app, ids[1]));
    }

    private static async Task<List<Guid>> AddOpenTasksAsync(WebApplicationFactory<Program> app, int count, DateOnly due)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToList();
        db.Tasks.AddRange(ids.Select(id => new WorkTask
        {
            Id = id,
            Kind = TaskKind.Draft,
            CandidateRole = UserRole.SectionDrafter,
            CandidateSectionId = "gy",
            CreatedAt = ChinaTime.At(new DateOnly(2026, 9, 1), SweepTime),
            DueAt = ChinaTime.At(due, new TimeOnly(18, 0)),
        }));
        await db.SaveChangesAsync();
        return ids;
    }

    private static async Task CompleteAsync(WebApplicationFactory<Program> app, Guid taskId, DateTimeOffset at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var task = await db.Tasks.SingleAsync(t => t.Id == taskId);
        task.CompletedAt = at;
        task.Outcome = "submit";
        await db.SaveChangesAsync();
    }

    private static async Task<List<(ReminderKind Kind, DateOnly Day)>> RowsOfAsync(WebApplicationFactory<Program> app, Guid taskId) =>
        (await RowsOfAsync(app, (Guid?)taskId)).ConvertAll(r => (r.Kind, r.Day));

    /// <summary>The reminder rows of one task, or of all tasks when <paramref name="taskId"/> is null.</summary>
    private static async Task<List<(Guid TaskId, ReminderKind Kind, DateOnly Day)>> RowsOfAsync(WebApplicationFactory<Program> app, Guid? taskId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var rows = await db.TaskReminders.Where(r => taskId == null || r.TaskId == taskId)
            .Select(r => new { r.TaskId, r.Kind, r.Day }).ToListAsync();
        // Ordered here: the database sorts the kind by its stored name, the expectation by the enum.
        return [.. rows.OrderBy(r => r.Day).ThenBy(r => r.Kind).Select(r => (r.TaskId, r.Kind, r.Day))];
    }
}

/// <summary>
/// Plays another session that commits <c>sql</c> (with <c>@task</c> = <see cref="TaskId"/>) on its own connection just
/// before this host's first reminder insert reaches the database.
/// </summary>
public class BeforeReminderInsert(string connectionString, string sql) : DbCommandInterceptor
{
    private int _fired;

    public Guid? TaskId { get; set; }

    /// <summary>Rows the statement changed; 0 until it ran.</summary>
    public int Affected { get; private set; }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (TaskId is { } taskId
            && command.CommandText.Contains("INSERT INTO task_reminders", StringComparison.Ordinal)
            && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var statement = new NpgsqlCommand(sql, connection);
            statement.Parameters.AddWithValue("task", taskId);
            Affected = await statement.ExecuteNonQueryAsync(cancellationToken);
        }
        return await base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>Another host commits a T-3 reminder of the task for 2026-09-29, so this host's insert meets the unique key.</summary>
public sealed class RivalHostInsert(string connectionString) : BeforeReminderInsert(connectionString,
    """
    INSERT INTO task_reminders ("TaskId", "Kind", "Day", "CreatedAt", "EventId")
    VALUES (@task, 'DueInThreeWorkingDays', DATE '2026-09-29', now(), gen_random_uuid())
    """);

/// <summary>A user finishes the task after the sweep read its candidates and before its reminder insert.</summary>
public sealed class TaskClosedBeforeReminderInsert(string connectionString) : BeforeReminderInsert(connectionString,
    """UPDATE work_tasks SET "CompletedAt" = now(), "Outcome" = 'submit' WHERE "Id" = @task""");
