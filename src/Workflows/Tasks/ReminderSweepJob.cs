using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Tasks;

/// <summary>
/// The recurring reminder sweep (docs/domain.md §5, docs/architecture.md §6): records today's reminders of every open task with a due
/// date and publishes each through the outbox, exactly once across hosts — the unique key (task, kind, day) of
/// <see cref="TaskReminder"/> refuses a second insert, which this job takes as "already sent" and skips. A recipient
/// with more than <see cref="ReminderOptions.DigestThreshold"/> reminders of one kind gets one
/// <see cref="TaskRemindersDigested"/> instead (unique key recipient, day, kind); the per-task events name them as
/// digested so the consumers leave them out, and a reminder whose recipients all have it in a digest gets no event.
/// </summary>
public sealed class ReminderSweepJob(
    PerfWorkflowDbContext db,
    IWorkingDayCalendar calendar,
    TimeProvider clock,
    IOutboxWakeUp? outboxWakeUp = null,
    IOptions<ReminderOptions>? options = null)
{
    /// <summary>Tasks whose reminders are committed in one transaction (reminders that may go into a digest commit together).</summary>
    public const int BatchSize = 2000;

    private readonly int _threshold = (options?.Value ?? new ReminderOptions()).DigestThreshold;

    /// <summary>Runs one sweep; returns the number of reminders recorded by this call (0 when another host was first).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var span = Telemetry.PerfWorkflowTelemetry.Source.StartActivity("reminder.sweep");
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var recorded = await SweepAsync(cancellationToken);
        span?.SetTag("perfworkflow.reminders", recorded);
        Telemetry.PerfWorkflowTelemetry.SweepDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return recorded;
    }

    private async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock);
        if (!calendar.IsWorkingDay(today))
        {
            return 0;
        }

        var due = await LoadCandidatesAsync(today, cancellationToken);
        // The escalation is once per task: an earlier day's row would refuse the whole batch every day after.
        var pending = due
            .SelectMany(t => ReminderSchedule.DueOn(DateOnly.FromDateTime(ChinaTime.ToChina(t.DueAt).DateTime), today, calendar)
                .Where(r => !(t.Escalated && r.Kind == ReminderKind.Escalation))
                .Select(r => (Task: t, Reminder: r)))
            .ToList();
        if (pending.Count == 0)
        {
            return 0;
        }
        var audience = await ReminderAudience.LoadAsync(db, cancellationToken);
        var planned = pending.ConvertAll(p => new PlannedReminder(p.Task.Id, p.Reminder, audience.For(p.Task, p.Reminder.Kind)));

        // Everything a digest may list commits in one transaction, so a digest never misses an item another batch holds.
        var digested = ReminderDigestPlanner.Plan(planned, _threshold).Select(d => (d.RecipientId, d.Kind)).ToHashSet();
        var together = planned.Where(p => ReminderDigestPlanner.DigestedRecipients(p, digested).Count > 0).ToList();
        var recorded = together.Count > 0 ? await RecordAsync(together, today, digest: true, cancellationToken) : 0;
        foreach (var batch in planned.Where(p => ReminderDigestPlanner.DigestedRecipients(p, digested).Count == 0).Chunk(BatchSize))
        {
            recorded += await RecordAsync(batch, today, digest: false, cancellationToken);
        }
        return recorded;
    }

    /// <summary>
    /// Open tasks that may have a reminder today and have none recorded for today yet: due at the latest on the last day
    /// that is still three working days away (T-3), which includes every overdue task. One query.
    /// </summary>
    private async Task<List<ReminderCandidate>> LoadCandidatesAsync(DateOnly today, CancellationToken cancellationToken)
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
                t.AssigneeId,
                t.CandidateRole,
                t.CandidateSectionId,
                DeclarationSectionId = db.Declarations.Where(d => d.Id == t.DeclarationId).Select(d => d.SectionId).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new ReminderCandidate(
            r.Id, r.DueAt!.Value, r.Escalated, r.AssigneeId, r.CandidateRole, r.CandidateSectionId, r.DeclarationSectionId));
    }

    /// <summary>
    /// One transaction: records the reminders of tasks still open (the others are dropped: a finished task never gets a
    /// reminder), then — when <paramref name="digest"/> — claims the digests of recipients still over the threshold
    /// among what this call recorded, then writes the outbox rows of both.
    /// </summary>
    private async Task<int> RecordAsync(IReadOnlyList<PlannedReminder> pending, DateOnly today, bool digest, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = db.Database.IsNpgsql()
            ? await InsertRemindersInBulkAsync(pending, now, cancellationToken)
            : await InsertRemindersAsync(pending, now, cancellationToken);
        var digests = digest ? await ClaimDigestsAsync(inserted.ConvertAll(i => i.Reminder), today, now, cancellationToken) : [];
        var claimed = digests.Select(d => (d.Digest.RecipientId, d.Digest.Kind)).ToHashSet();
        var rows = inserted
            .Select(i => (i.Reminder, i.EventId, Digested: ReminderDigestPlanner.DigestedRecipients(i.Reminder, claimed)))
            // A reminder every recipient reads in their digest needs no event of its own (at 100 000 tasks: most of them).
            .Where(i => i.Digested.Count == 0 || i.Digested.Count < i.Reminder.Recipients.Distinct().Count())
            .Select(i => Outbox.NewRow(EventFor(i.Reminder, i.EventId, i.Digested), now))
            .Concat(digests.Select(d => Outbox.NewRow(DigestEventFor(d.Digest, d.EventId, today), now)))
            .ToList();
        await AddOutboxRowsAsync(rows, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (rows.Count > 0)
        {
            outboxWakeUp?.RowsCommitted();
        }
        return inserted.Count;
    }

    /// <summary>
    /// PostgreSQL: one INSERT … ON CONFLICT DO NOTHING for the reminders; a reminder another host holds (or is inserting)
    /// is skipped alone. The task rows are share-locked in the same statement, so a task closed before this commits
    /// either is seen closed (and skipped) or waits for the commit and then finds the event in the outbox.
    /// </summary>
    private async Task<List<(PlannedReminder Reminder, Guid EventId)>> InsertRemindersInBulkAsync(
        IReadOnlyList<PlannedReminder> pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var eventIds = pending.Select(_ => Guid.NewGuid()).ToArray();
        var taskIds = pending.Select(p => p.TaskId).ToArray();
        var kinds = pending.Select(p => p.Reminder.Kind.ToString()).ToArray();
        var days = pending.Select(p => p.Reminder.Day).ToArray();
        // Raw SQL passes no value converter: PostgreSQL takes only UTC, whatever offset the clock gave.
        now = now.ToUniversalTime();
        var inserted = (await db.Database.SqlQuery<Guid>($"""
            INSERT INTO task_reminders ("TaskId", "Kind", "Day", "CreatedAt", "EventId")
            SELECT r.task, r.kind, r.day, {now}, r.event
            FROM unnest({taskIds}, {kinds}, {days}, {eventIds}) AS r(task, kind, day, event)
            JOIN work_tasks t ON t."Id" = r.task
            WHERE t."CompletedAt" IS NULL
            FOR SHARE OF t
            ON CONFLICT ("TaskId", "Kind", "Day") DO NOTHING
            RETURNING "EventId" AS "Value"
            """).ToListAsync(cancellationToken)).ToHashSet();
        return [.. pending.Select((p, i) => (p, eventIds[i])).Where(e => inserted.Contains(e.Item2))];
    }

    /// <summary>
    /// Other providers (SQLite in the embedded profile, where the transaction holds the write lock from its start):
    /// keeps the tasks still open, then inserts in one SaveChanges; when another host got there first the batch is refused
    /// as a whole, so each reminder is then tried on its own and the ones already recorded are skipped.
    /// </summary>
    private async Task<List<(PlannedReminder Reminder, Guid EventId)>> InsertRemindersAsync(
        IReadOnlyList<PlannedReminder> pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = pending.Select(p => p.TaskId).Distinct().ToList();
        var open = (await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id) && t.CompletedAt == null).Select(t => t.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
        var rows = pending.Where(p => open.Contains(p.TaskId)).Select(p => (Reminder: p, EventId: Guid.NewGuid())).ToList();
        foreach (var (reminder, eventId) in rows)
        {
            Add(reminder, eventId, now);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return rows;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        var recorded = new List<(PlannedReminder Reminder, Guid EventId)>();
        foreach (var row in rows)
        {
            Add(row.Reminder, row.EventId, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                recorded.Add(row);
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

    private void Add(PlannedReminder reminder, Guid eventId, DateTimeOffset now) =>
        db.TaskReminders.Add(new TaskReminder
        {
            TaskId = reminder.TaskId, Kind = reminder.Reminder.Kind, Day = reminder.Reminder.Day, CreatedAt = now, EventId = eventId,
        });

    /// <summary>
    /// Claims today's digest of each recipient over the threshold among <paramref name="recorded"/>. A recipient whose
    /// digest of the day exists already (an earlier sweep, another host) is not claimed and gets single mails.
    /// </summary>
    private async Task<List<(PlannedDigest Digest, Guid EventId)>> ClaimDigestsAsync(
        List<PlannedReminder> recorded, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = ReminderDigestPlanner.Plan(recorded, _threshold).Select(d => (Digest: d, EventId: Guid.NewGuid())).ToList();
        if (wanted.Count == 0)
        {
            return wanted;
        }
        if (db.Database.IsNpgsql())
        {
            var recipients = wanted.Select(w => w.Digest.RecipientId).ToArray();
            var kinds = wanted.Select(w => w.Digest.Kind.ToString()).ToArray();
            var counts = wanted.Select(w => w.Digest.Items.Count).ToArray();
            var eventIds = wanted.Select(w => w.EventId).ToArray();
            var utc = now.ToUniversalTime();
            var claimed = (await db.Database.SqlQuery<Guid>($"""
                INSERT INTO reminder_digests ("RecipientId", "Day", "Kind", "ItemCount", "EventId", "CreatedAt")
                SELECT d.recipient, {today}, d.kind, d.count, d.event, {utc}
                FROM unnest({recipients}, {kinds}, {counts}, {eventIds}) AS d(recipient, kind, count, event)
                ON CONFLICT ("RecipientId", "Day", "Kind") DO NOTHING
                RETURNING "EventId" AS "Value"
                """).ToListAsync(cancellationToken)).ToHashSet();
            return wanted.FindAll(w => claimed.Contains(w.EventId));
        }
        var ids = wanted.Select(w => w.Digest.RecipientId).ToList();
        var taken = (await db.ReminderDigests.AsNoTracking().Where(d => d.Day == today && ids.Contains(d.RecipientId))
            .Select(d => new { d.RecipientId, d.Kind }).ToListAsync(cancellationToken))
            .Select(d => (d.RecipientId, d.Kind)).ToHashSet();
        var free = wanted.FindAll(w => !taken.Contains((w.Digest.RecipientId, w.Digest.Kind)));
        db.ReminderDigests.AddRange(free.Select(w => new ReminderDigest
        {
            RecipientId = w.Digest.RecipientId, Day = today, Kind = w.Digest.Kind, ItemCount = w.Digest.Items.Count, EventId = w.EventId, CreatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return free;
    }

    private async Task AddOutboxRowsAsync(List<OutboxMessage> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        if (!db.Database.IsNpgsql())
        {
            db.OutboxMessages.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return;
        }
        var messageIds = rows.Select(r => r.MessageId).ToArray();
        var types = rows.Select(r => r.MessageType).ToArray();
        var payloads = rows.Select(r => r.Payload).ToArray();
        var utc = now.ToUniversalTime();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO outbox_messages ("MessageId", "MessageType", "Payload", "CreatedAt", "Attempts", "NextAttemptAt")
            SELECT m.id, m.type, m.payload, {utc}, 0, {utc}
            FROM unnest({messageIds}, {types}, {payloads}) AS m(id, type, payload)
            """, cancellationToken);
    }

    /// <summary>The contract announcing a reminder: TaskDueSoon for T-3/T-1/T-0, TaskOverdue daily, TaskEscalated once.</summary>
    private static IIntegrationEvent EventFor(PlannedReminder planned, Guid eventId, IReadOnlyList<Guid> digested)
    {
        var (taskId, reminder) = (planned.TaskId, planned.Reminder);
        var skip = digested.Count > 0 ? digested : null;
        return reminder.Kind switch
        {
            ReminderKind.Overdue => new TaskOverdue(eventId, taskId, reminder.Day, reminder.OverdueWorkingDays) { DigestedRecipientIds = skip },
            ReminderKind.Escalation => new TaskEscalated(eventId, taskId, reminder.Day, reminder.OverdueWorkingDays) { DigestedRecipientIds = skip },
            _ => new TaskDueSoon(eventId, taskId, reminder.Day, reminder.WorkingDaysLeft) { DigestedRecipientIds = skip },
        };
    }

    private static TaskRemindersDigested DigestEventFor(PlannedDigest digest, Guid eventId, DateOnly today) =>
        new(eventId, digest.RecipientId, today, digest.Kind,
            [.. digest.Items.Select(i => new DigestItem(i.TaskId, i.Reminder.Kind, i.Reminder.WorkingDaysLeft))]);

    // SQLITE_CONSTRAINT_UNIQUE; PostgreSQL never gets here (ON CONFLICT DO NOTHING).
    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 };
}
