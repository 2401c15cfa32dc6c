using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Tasks;

/// <summary>
/// The recurring reminder sweep (DOMAIN.md §5, DESIGN.md §4): records today's reminders of every open task with a due
/// date and publishes each through the outbox, exactly once across hosts — the unique key (task, kind, day) of
/// <see cref="TaskReminder"/> refuses a second insert, which this job takes as "already sent" and skips.
/// </summary>
public sealed class ReminderSweepJob(PerfWorkflowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock)
{
    /// <summary>Tasks whose reminders are committed in one SaveChanges.</summary>
    public const int BatchSize = 500;

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
        var recorded = 0;
        foreach (var batch in due.Chunk(BatchSize))
        {
            // The escalation is once per task: an earlier day's row would refuse the whole batch every day after.
            var pending = batch
                .SelectMany(t => ReminderSchedule.DueOn(DateOnly.FromDateTime(ChinaTime.ToChina(t.DueAt).DateTime), today, calendar)
                    .Where(r => !(t.Escalated && r.Kind == ReminderKind.Escalation))
                    .Select(r => (t.Id, Reminder: r)))
                .ToList();
            recorded += await RecordAsync(pending, now, cancellationToken);
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
    /// Commits a batch in one SaveChanges; when another host got there first the batch is refused as a whole, so each
    /// reminder is then tried on its own and the ones already recorded are skipped.
    /// </summary>
    private async Task<int> RecordAsync(List<(Guid TaskId, ScheduledReminder Reminder)> pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (pending.Count == 0)
        {
            return 0;
        }
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
        switch (reminder.Kind)
        {
            case ReminderKind.Overdue:
                Outbox.Add(db, new TaskOverdue(eventId, taskId, reminder.Day, reminder.OverdueWorkingDays), eventId, now);
                break;
            case ReminderKind.Escalation:
                Outbox.Add(db, new TaskEscalated(eventId, taskId, reminder.Day, reminder.OverdueWorkingDays), eventId, now);
                break;
            default:
                Outbox.Add(db, new TaskDueSoon(eventId, taskId, reminder.Day, reminder.WorkingDaysLeft), eventId, now);
                break;
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        // SQLITE_CONSTRAINT_UNIQUE
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == 2067,
        _ => false,
    };
}
