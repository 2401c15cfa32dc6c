using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Workflows.Maintenance;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;
using Xunit;

namespace PerfWorkflow.Workflows.Tests.Maintenance;

/// <summary>
/// One clean-up scenario, run on SQLite here and on PostgreSQL in the end-to-end tests (this file is linked there): rows
/// on both sides of every retention limit, and more old idempotency records than one batch holds.
/// </summary>
public sealed class RetentionScenario(Func<PerfWorkflowDbContext> newContext)
{
    private static readonly DateTimeOffset Now = ChinaTime.At(new DateOnly(2026, 11, 26), new TimeOnly(9, 0));

    public static RetentionOptions Options { get; } = new()
    {
        IdempotencyRecords = TimeSpan.FromDays(30),
        MailDeliveries = TimeSpan.FromDays(180),
        ClosedTaskReminders = TimeSpan.FromDays(90),
        BatchSize = 100,
    };

    /// <summary>Old idempotency records: two full batches and a partial one.</summary>
    public const int OldIdempotencyRecords = 250;

    public async Task RunAsync()
    {
        var kept = await SeedAsync();

        var first = await CleanUpAsync();
        var second = await CleanUpAsync();

        Assert.Equal(new RetentionResult(OldIdempotencyRecords, MailDeliveries: 2, TaskReminders: 2, ReminderDigests: 1) { ReviewDigestItems = 1 }, first);
        Assert.Equal(new RetentionResult(0, 0, 0, 0), second);
        await using var db = newContext();
        Assert.Equal([kept.IdempotencyKey], await db.IdempotencyRecords.Select(r => r.Key).ToListAsync());
        Assert.Equal(
            kept.Deliveries.Order().ToList(),
            (await db.MailDeliveries.Select(d => d.Recipient).ToListAsync()).Order().ToList());
        Assert.Equal(
            kept.ReminderTasks.Order().ToList(),
            (await db.TaskReminders.Select(r => r.TaskId).ToListAsync()).Order().ToList());
        Assert.Equal(3, await db.Tasks.CountAsync());
        Assert.Equal([kept.DigestDay], await db.ReminderDigests.Select(d => d.Day).ToListAsync());
        // A held 【待审核】 notice goes with the delivery log once sent; one still waiting stays however old it is.
        Assert.Equal([2, 3], (await db.ReviewDigestItems.Select(i => i.Version).ToListAsync()).Order().ToList());
    }

    private async Task<RetentionResult> CleanUpAsync()
    {
        await using var db = newContext();
        var job = new RetentionJob(db, Microsoft.Extensions.Options.Options.Create(Options), new FakeTimeProvider(Now), NullLogger<RetentionJob>.Instance);
        return await job.RunAsync(CancellationToken.None);
    }

    private async Task<(string IdempotencyKey, string[] Deliveries, Guid[] ReminderTasks, DateOnly DigestDay)> SeedAsync()
    {
        await using var db = newContext();
        var user = Guid.NewGuid();
        for (var i = 0; i < OldIdempotencyRecords; i++)
        {
            db.IdempotencyRecords.Add(Idempotency(user, $"old-{i}", Now.AddDays(-31).AddMinutes(i)));
        }
        db.IdempotencyRecords.Add(Idempotency(user, "act:recent", Now.AddDays(-29)));

        db.MailDeliveries.AddRange(
            Delivery("sent-long-ago@example.cn", MailDeliveryStatus.Sent, Now.AddDays(-181)),
            Delivery("refused-long-ago@example.cn", MailDeliveryStatus.Failed, Now.AddDays(-200)),
            Delivery("still-pending@example.cn", MailDeliveryStatus.Pending, Now.AddDays(-200)),
            Delivery("sent-recently@example.cn", MailDeliveryStatus.Sent, Now.AddDays(-179)));

        var closedLongAgo = Task(completedAt: Now.AddDays(-91));
        var closedRecently = Task(completedAt: Now.AddDays(-10));
        var stillOpen = Task(completedAt: null);
        db.Tasks.AddRange(closedLongAgo, closedRecently, stillOpen);
        db.TaskReminders.AddRange(
            Reminder(closedLongAgo, ReminderKind.DueToday, Now.AddDays(-120)),
            Reminder(closedLongAgo, ReminderKind.Overdue, Now.AddDays(-119)),
            Reminder(closedRecently, ReminderKind.DueToday, Now.AddDays(-120)),
            // An open task's escalation row is what keeps it from being escalated again, however old it is.
            Reminder(stillOpen, ReminderKind.Escalation, Now.AddDays(-300)));
        db.ReminderDigests.AddRange(Digest(Now.AddDays(-91)), Digest(Now.AddDays(-89)));
        db.ReviewDigestItems.AddRange(
            ReviewItem(version: 1, sentAt: Now.AddDays(-181)),
            ReviewItem(version: 2, sentAt: Now.AddDays(-179)),
            ReviewItem(version: 3, sentAt: null));
        await db.SaveChangesAsync();
        return ("act:recent", ["still-pending@example.cn", "sent-recently@example.cn"], [closedRecently.Id, stillOpen.Id], Day(Now.AddDays(-89)));
    }

    private static PerfWorkflow.Workflows.Notices.ReviewDigestItem ReviewItem(int version, DateTimeOffset? sentAt) => new()
    {
        RecipientId = Guid.NewGuid(), EventId = Guid.NewGuid(), DeclarationId = Guid.NewGuid(), Version = version,
        SubmittedAt = Now.AddDays(-300), CreatedAt = Now.AddDays(-300), DueAt = Now.AddDays(-300), SentAt = sentAt,
        DigestEventId = sentAt is null ? null : Guid.NewGuid(),
    };

    private static IdempotencyRecord Idempotency(Guid user, string key, DateTimeOffset at) =>
        new() { UserId = user, Key = key, Request = "POST /api/declarations/x/actions/submit", StatusCode = 200, ResponseJson = "{}", CreatedAt = at };

    private static MailDelivery Delivery(string recipient, MailDeliveryStatus status, DateTimeOffset at) =>
        new() { EventId = Guid.NewGuid(), Recipient = recipient, Template = "TaskOverdue", Status = status, Attempts = 1, CreatedAt = at };

    private static WorkTask Task(DateTimeOffset? completedAt) => new()
    {
        Id = Guid.NewGuid(),
        Kind = TaskKind.OfficeReview,
        CandidateRole = UserRole.Office,
        CreatedAt = Now.AddDays(-400),
        DueAt = Now.AddDays(-300),
        CompletedAt = completedAt,
    };

    private static TaskReminder Reminder(WorkTask task, ReminderKind kind, DateTimeOffset at) =>
        new() { TaskId = task.Id, Kind = kind, Day = Day(at), CreatedAt = at, EventId = Guid.NewGuid() };

    private static ReminderDigest Digest(DateTimeOffset at) =>
        new() { RecipientId = Guid.NewGuid(), Day = Day(at), Kind = DigestKind.Reminders, ItemCount = 4, EventId = Guid.NewGuid(), CreatedAt = at };

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(ChinaTime.ToChina(at).DateTime);
}
