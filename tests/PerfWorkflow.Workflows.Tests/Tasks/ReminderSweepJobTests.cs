using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Tests.Tasks;

/// <summary>The sweep on the embedded profile's SQLite, with the real 2026 calendar (国庆 10-01..10-07, make-up Sat 10-10).</summary>
public sealed class ReminderSweepJobTests : IDisposable
{
    private static readonly WorkingDayCalendar Calendar = new(Path.Combine(AppContext.BaseDirectory, "calendar"));
    private readonly FakeTimeProvider _clock = new();
    private readonly RivalInsert _rival = new();
    private readonly SqliteDatabase _database;

    public ReminderSweepJobTests() => _database = new SqliteDatabase(_rival);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Sweep_OnTheT3Day_RecordsTheReminderWithItsEvent_AndASecondSweepAddsNothing()
    {
        var task = await AddTaskAsync(new DateOnly(2026, 10, 9));
        SetToday(new DateOnly(2026, 9, 29));

        var first = await SweepAsync();
        var second = await SweepAsync();

        Assert.Equal((1, 0), (first, second));
        await using var db = NewContext();
        var row = await db.TaskReminders.SingleAsync();
        Assert.Equal((task, ReminderKind.DueInThreeWorkingDays, new DateOnly(2026, 9, 29)), (row.TaskId, row.Kind, row.Day));
        var message = Assert.IsType<TaskDueSoon>(Outbox.Deserialize(await db.OutboxMessages.SingleAsync()));
        Assert.Equal(new TaskDueSoon(row.EventId, task, new DateOnly(2026, 9, 29), 3), message);
    }

    [Fact]
    public async Task Sweep_OnAHolidayOrTheT2Day_RecordsNothing()
    {
        await AddTaskAsync(new DateOnly(2026, 10, 9));

        SetToday(new DateOnly(2026, 9, 30));
        var t2 = await SweepAsync();
        SetToday(new DateOnly(2026, 10, 5));
        var holiday = await SweepAsync();

        Assert.Equal((0, 0), (t2, holiday));
    }

    [Fact]
    public async Task Sweep_AfterMissedDays_EscalatesOnceForTheFirstOverdueDay_ThenOnlyOverdue()
    {
        var task = await AddTaskAsync(new DateOnly(2026, 10, 9));

        SetToday(new DateOnly(2026, 10, 12));
        var monday = await SweepAsync();
        SetToday(new DateOnly(2026, 10, 13));
        var tuesday = await SweepAsync();

        Assert.Equal((2, 1), (monday, tuesday));
        await using var db = NewContext();
        var rows = (await db.TaskReminders.ToListAsync()).OrderBy(r => r.Day).ThenBy(r => r.Kind).Select(r => (r.Kind, r.Day));
        Assert.Equal(
            [
                (ReminderKind.Escalation, new DateOnly(2026, 10, 10)),
                (ReminderKind.Overdue, new DateOnly(2026, 10, 12)),
                (ReminderKind.Overdue, new DateOnly(2026, 10, 13)),
            ], rows);
        var events = (await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync()).ConvertAll(Outbox.Deserialize);
        Assert.Equal(new TaskEscalated(((TaskEscalated)events[1]!).EventId, task, new DateOnly(2026, 10, 10), 2), events[1]);
        Assert.Equal(new TaskOverdue(((TaskOverdue)events[2]!).EventId, task, new DateOnly(2026, 10, 13), 3), events[2]);
    }

    [Fact]
    public async Task Sweep_SkipsCompletedTasks_AndTasksWithoutDueDate()
    {
        var done = await AddTaskAsync(new DateOnly(2026, 10, 9));
        await AddTaskAsync(null);
        await using (var db = NewContext())
        {
            (await db.Tasks.SingleAsync(t => t.Id == done)).CompletedAt = ChinaTime.At(new DateOnly(2026, 9, 28), new TimeOnly(10, 0));
            await db.SaveChangesAsync();
        }
        SetToday(new DateOnly(2026, 9, 29));

        Assert.Equal(0, await SweepAsync());
    }

    [Fact]
    public async Task ReminderRecordedByAnotherHostMeanwhile_IsSkipped_WithoutDroppingTheRestOfTheBatch()
    {
        var tasks = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            tasks.Add(await AddTaskAsync(new DateOnly(2026, 10, 9)));
        }
        SetToday(new DateOnly(2026, 9, 29));
        _rival.TaskId = tasks[2];

        var recorded = await SweepAsync();

        Assert.Equal(4, recorded);
        await using var db = NewContext();
        Assert.Equal(5, await db.TaskReminders.CountAsync());
        var eventTasks = (await db.OutboxMessages.ToListAsync()).Select(m => ((TaskDueSoon)Outbox.Deserialize(m)!).TaskId);
        Assert.Equal(tasks.Where(t => t != tasks[2]).Order(), eventTasks.Order());
    }

    [Fact]
    public async Task Sweep_GivesEachRecipientOverTheThresholdOneDigest_AndNoTaskEventWhenEveryRecipientHasItInADigest()
    {
        var office = await AddOfficeUsersAsync(2);
        var tasks = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            tasks.Add(await AddTaskAsync(new DateOnly(2026, 10, 9)));
        }
        SetToday(new DateOnly(2026, 9, 29));

        var first = await SweepAsync();
        var second = await SweepAsync();

        Assert.Equal((4, 0), (first, second));
        await using var db = NewContext();
        Assert.Equal(4, await db.TaskReminders.CountAsync());
        var digests = await db.ReminderDigests.ToListAsync();
        Assert.Equal(office.Order(), digests.Select(d => d.RecipientId).Order());
        Assert.All(digests, d => Assert.Equal((new DateOnly(2026, 9, 29), DigestKind.Reminders, 4), (d.Day, d.Kind, d.ItemCount)));
        var events = (await db.OutboxMessages.ToListAsync()).ConvertAll(Outbox.Deserialize);
        var digested = events.OfType<TaskRemindersDigested>().ToList();
        Assert.Equal(events.Count, digested.Count);
        Assert.Equal(digests.Select(d => (d.EventId, d.RecipientId)).Order(), digested.Select(d => (d.EventId, d.RecipientId)).Order());
        Assert.All(digested, d => Assert.Equal(
            tasks.Order().Select(t => new DigestItem(t, ReminderKind.DueInThreeWorkingDays, 3)),
            d.Items.OrderBy(i => i.TaskId)));
    }

    [Fact]
    public async Task Sweep_NamesTheDigestedMembersOnAGroupTasksEvent_AndMailsTheOthersSingly()
    {
        var office = await AddOfficeUsersAsync(2);
        var group = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            group.Add(await AddTaskAsync(new DateOnly(2026, 10, 9)));
        }
        var assigned = await AddTaskAsync(new DateOnly(2026, 10, 9), assignee: office[0]);
        SetToday(new DateOnly(2026, 9, 29));

        Assert.Equal(4, await SweepAsync());

        await using var db = NewContext();
        var digest = await db.ReminderDigests.SingleAsync();
        Assert.Equal((office[0], 4), (digest.RecipientId, digest.ItemCount));
        var events = (await db.OutboxMessages.ToListAsync()).ConvertAll(Outbox.Deserialize);
        var reminders = events.OfType<TaskDueSoon>().ToList();
        Assert.Equal(group.Order(), reminders.Select(r => r.TaskId).Order());
        Assert.All(reminders, r => Assert.Equal([office[0]], r.DigestedRecipientIds!));
        Assert.Contains(assigned, Assert.Single(events.OfType<TaskRemindersDigested>()).Items.Select(i => i.TaskId));
    }

    [Fact]
    public async Task Sweep_SendsSingleReminders_WhenNoRecipientIsOverTheThreshold()
    {
        await AddOfficeUsersAsync(1);
        for (var i = 0; i < 3; i++)
        {
            await AddTaskAsync(new DateOnly(2026, 10, 9));
        }
        SetToday(new DateOnly(2026, 9, 29));

        Assert.Equal(3, await SweepAsync());

        await using var db = NewContext();
        Assert.Empty(await db.ReminderDigests.ToListAsync());
        var events = (await db.OutboxMessages.ToListAsync()).ConvertAll(Outbox.Deserialize);
        Assert.All(events, e => Assert.Null(Assert.IsType<TaskDueSoon>(e).DigestedRecipientIds));
    }

    [Fact]
    public async Task Sweep_LeavesARecipientWhoseDigestWentOutEarlierToday_ToSingleReminders()
    {
        var office = await AddOfficeUsersAsync(1);
        for (var i = 0; i < 5; i++)
        {
            await AddTaskAsync(new DateOnly(2026, 10, 9));
        }
        SetToday(new DateOnly(2026, 9, 29));
        await using (var db = NewContext())
        {
            db.ReminderDigests.Add(new ReminderDigest
            {
                RecipientId = office[0], Day = new DateOnly(2026, 9, 29), Kind = DigestKind.Reminders, ItemCount = 4,
                EventId = Guid.NewGuid(), CreatedAt = _clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal(5, await SweepAsync());

        await using var check = NewContext();
        Assert.Single(await check.ReminderDigests.ToListAsync());
        var events = (await check.OutboxMessages.ToListAsync()).ConvertAll(Outbox.Deserialize);
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Null(Assert.IsType<TaskDueSoon>(e).DigestedRecipientIds));
    }

    private async Task<List<Guid>> AddOfficeUsersAsync(int count)
    {
        await using var db = NewContext();
        var users = Enumerable.Range(0, count).Select(i => new AppUser
        {
            Id = Guid.NewGuid(), UserName = $"office{i}", DisplayName = $"办公室{i}", Email = $"office{i}@t.cn", Role = UserRole.Office, SectionId = "bgs",
        }).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return users.ConvertAll(u => u.Id);
    }

    private PerfWorkflowDbContext NewContext() => _database.NewContext();

    private void SetToday(DateOnly day) => _clock.SetUtcNow(ChinaTime.At(day, new TimeOnly(9, 0)).ToUniversalTime());

    private async Task<int> SweepAsync()
    {
        await using var db = NewContext();
        return await new ReminderSweepJob(db, Calendar, _clock).RunAsync(CancellationToken.None);
    }

    private async Task<Guid> AddTaskAsync(DateOnly? due, Guid? assignee = null)
    {
        await using var db = NewContext();
        var task = new WorkTask
        {
            Id = Guid.NewGuid(),
            Kind = TaskKind.OfficeReview,
            CandidateRole = UserRole.Office,
            AssigneeId = assignee,
            CreatedAt = ChinaTime.At(new DateOnly(2026, 9, 1), new TimeOnly(9, 0)),
            DueAt = due is { } d ? ChinaTime.At(d, new TimeOnly(18, 0)) : null,
        };
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    }

    /// <summary>Another host's T-3 reminder for <see cref="TaskId"/>, committed just before this host's first reminder insert.</summary>
    private sealed class RivalInsert : SaveChangesInterceptor
    {
        public Guid? TaskId { get; set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (TaskId is { } taskId && eventData.Context is PerfWorkflowDbContext db
                && db.ChangeTracker.Entries<TaskReminder>().Any())
            {
                TaskId = null;
                await using var other = new PerfWorkflowDbContext(
                    new DbContextOptionsBuilder<PerfWorkflowDbContext>().UseSqlite(db.Database.GetDbConnection()).Options);
                other.TaskReminders.Add(new TaskReminder
                {
                    TaskId = taskId,
                    Kind = ReminderKind.DueInThreeWorkingDays,
                    Day = new DateOnly(2026, 9, 29),
                    CreatedAt = DateTimeOffset.UnixEpoch,
                    EventId = Guid.NewGuid(),
                });
                await other.SaveChangesAsync(cancellationToken);
            }
            return await base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
