using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Tasks;

/// <summary>
/// The recurring reminder sweep (DOMAIN.md §5, DESIGN.md §4): records today's reminders of every open task with a due
/// date and publishes each through the outbox, exactly once across hosts — the unique key (task, kind, day) of
/// <see cref="TaskReminder"/> refuses a second insert, which this job takes as "already sent" and skips.
/// </summary>
public sealed class ReminderSweepJob(
    PerfWorkflowDbContext db,
    IWorkingDayCalendar calendar,
    TimeProvider clock,
    IOutboxWakeUp? outboxWakeUp = null)
{
    /// <summary>Tasks whose reminders are committed in one transaction.</summary>
    public const int BatchSize = 2000;

    /// <summary>Runs one sweep; returns the number of reminders recorded by this call (0 when another host was first).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        if (!calendar.IsWorkingDay(today))
        {
            return 0;
        }

        var due = await LoadCandidatesAsync(today, cancellationToken);
        var bulk = db.Database.IsNpgsql();
        var recorded = 0;
        foreach (var batch in due.Chunk(BatchSize))
        {
            // The escalation is once per task: an earlier day's row would refuse the whole batch every day after.
            var pending = batch
                .SelectMany(t => ReminderSchedule.DueOn(DateOnly.FromDateTime(ChinaTime.ToChina(t.DueAt).DateTime), today, calendar)
                    .Where(r => !(t.Escalated && r.Kind == ReminderKind.Escalation))
                    .Select(r => (t.Id, Reminder: r)))
                .ToList();
            if (pending.Count > 0)
            {
                recorded += bulk
                    ? await RecordInBulkAsync(pending, now, cancellationToken)
                    : await RecordAsync(pending, now, cancellationToken);
            }
        }
        return recorded;
    }

    /// <summary>
    /// Open tasks that may have a reminder today and have none recorded for today yet: due at the latest on the last day
    /// that is still three working days away (T-3), which includes every overdue task. One query, three columns.
    /// </summary>
    private async Task<List<(Guid Id, DateTimeOffset DueAt, bool Escalated)>> LoadCandidatesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        // A due date on or after the fourth working day ahead has more than three working days left: nothing today.
        var horizon = ChinaTime.At(calendar.AddWorkingDays(today, 4), TimeOnly.MinValue);
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => t.CompletedAt == null && t.DueAt != null && t.DueAt < horizon)
            .Where(t => !db.TaskReminders.Any(r => r.TaskId == t.Id && r.Day == today))
            .Select(t => new
            {
                t.Id,
                t.DueAt,
                Escalated = db.TaskReminders.Any(r => r.TaskId == t.Id && r.Kind == ReminderKind.Escalation),
            })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => (r.Id, r.DueAt!.Value, r.Escalated));
    }

    /// <summary>
    /// PostgreSQL: one INSERT … ON CONFLICT DO NOTHING for the batch's reminders and one INSERT for the outbox rows of
    /// those actually inserted, in one transaction. A reminder another host holds (or is inserting) is skipped alone.
    /// </summary>
    private async Task<int> RecordInBulkAsync(List<(Guid TaskId, ScheduledReminder Reminder)> pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var utc = now.ToUniversalTime();
        var eventIds = pending.Select(_ => Guid.NewGuid()).ToArray();
        var taskIds = pending.Select(p => p.TaskId).ToArray();
        var kinds = pending.Select(p => p.Reminder.Kind.ToString()).ToArray();
        var days = pending.Select(p => p.Reminder.Day).ToArray();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = (await db.Database.SqlQuery<Guid>($"""
            INSERT INTO task_reminders ("TaskId", "Kind", "Day", "CreatedAt", "EventId")
            SELECT r.task, r.kind, r.day, {utc}, r.event
            FROM unnest({taskIds}, {kinds}, {days}, {eventIds}) AS r(task, kind, day, event)
            ON CONFLICT ("TaskId", "Kind", "Day") DO NOTHING
            RETURNING "EventId" AS "Value"
            """).ToListAsync(cancellationToken)).ToHashSet();
        var rows = pending
            .Select((p, i) => (p.TaskId, p.Reminder, EventId: eventIds[i]))
            .Where(e => inserted.Contains(e.EventId))
            .Select(e => Outbox.NewRow(EventFor(e.TaskId, e.Reminder, e.EventId), e.EventId, utc))
            .ToList();
        var messageIds = rows.Select(r => r.MessageId).ToArray();
        var types = rows.Select(r => r.MessageType).ToArray();
        var payloads = rows.Select(r => r.Payload).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages ("MessageId", "MessageType", "Payload", "CreatedAt", "Attempts", "NextAttemptAt")
            SELECT m.id, m.type, m.payload, {utc}, 0, {utc}
            FROM unnest({messageIds}, {types}, {payloads}) AS m(id, type, payload)
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (rows.Count > 0)
        {
            outboxWakeUp?.RowsCommitted();
        }
        return rows.Count;
    }

    /// <summary>
    /// Other providers (SQLite in the embedded profile): commits a batch in one SaveChanges; when another host got
    /// there first the batch is refused as a whole, so each reminder is then tried on its own and the ones already
    /// recorded are skipped.
    /// </summary>
    private async Task<int> RecordAsync(List<(Guid TaskId, ScheduledReminder Reminder)> pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (taskId, reminder) in pending)
        {
            Add(taskId, reminder, now);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return pending.Count;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        var recorded = 0;
        foreach (var (taskId, reminder) in pending)
        {
            Add(taskId, reminder, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                recorded++;
            }
            catch (DbUpdateException ex) when (IsUniqueViolation(ex))
            {
                // Recorded by another host (or an earlier run) in the meantime: it has been sent, so skip it.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return recorded;
    }

    private void Add(Guid taskId, ScheduledReminder reminder, DateTimeOffset now)
    {
        var eventId = Guid.NewGuid();
        db.TaskReminders.Add(new TaskReminder { TaskId = taskId, Kind = reminder.Kind, Day = reminder.Day, CreatedAt = now, EventId = eventId });
        db.OutboxMessages.Add(Outbox.NewRow(EventFor(taskId, reminder, eventId), eventId, now));
    }

    /// <summary>The contract announcing a reminder: TaskDueSoon for T-3/T-1/T-0, TaskOverdue daily, TaskEscalated once.</summary>
    private static object EventFor(Guid taskId, ScheduledReminder reminder, Guid eventId) => reminder.Kind switch
    {
        ReminderKind.Overdue => new TaskOverdue(eventId, taskId, reminder.Day, reminder.OverdueWorkingDays),
        ReminderKind.Escalation => new TaskEscalated(eventId, taskId, reminder.Day, reminder.OverdueWorkingDays),
        _ => new TaskDueSoon(eventId, taskId, reminder.Day, reminder.WorkingDaysLeft),
    };

    // SQLITE_CONSTRAINT_UNIQUE; PostgreSQL never gets here (ON CONFLICT DO NOTHING).
    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 };
}
