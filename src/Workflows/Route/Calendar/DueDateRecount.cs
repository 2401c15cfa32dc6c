using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Route.Calendar;

/// <summary>How many open tasks and declarations a calendar change moved.</summary>
public sealed record DueDateShift(int Tasks, int Declarations)
{
    public static readonly DueDateShift None = new(0, 0);
}

/// <summary>
/// Counts the due dates of open tasks and declarations again when the working-day calendar changes (docs/domain.md §5):
/// each from what it was counted from (<see cref="DueBasis"/>), on the calendar before and after the change. A due date
/// moves only when the calendar before the change gives exactly the stored date (so it was counted from that basis
/// and nothing else set it) and the calendar after gives another one. The moves, one audit row per declaration
/// (and per package) and one <see cref="TaskDeadlinesMoved"/> per holder are added to the context, not saved: the
/// caller saves them with the calendar edit, in one transaction. Running it again after the change moves nothing.
/// </summary>
public sealed class DueDateRecount(PerfWorkflowDbContext db, TimeProvider clock)
{
    /// <summary>The audit comment's opening, before "12月17日 → 12月18日".</summary>
    public const string AuditPrefix = "截止日期因工作日历调整：";

    public async Task<DueDateShift> StageAsync(IWorkingDayCalendar before, IWorkingDayCalendar after, Actor actor, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var cycles = await db.BudgetCycles.AsNoTracking().ToDictionaryAsync(c => c.Year, ct);
        var counts = new Counter(new DeadlinePolicy(before), new DeadlinePolicy(after), cycles);

        var declarationRows = await db.Declarations.AsNoTracking()
            .Where(d => d.DueAt != null && d.Stage != DeclarationStage.Finalized && d.Stage != DeclarationStage.Excluded)
            .Select(d => new { d.Id, d.CycleYear, d.Stage, DueAt = d.DueAt!.Value, d.DueBasis, d.DueCountedFrom, d.StageEnteredAt, d.Version })
            .ToListAsync(ct);
        var movedDeclarations = new Dictionary<Guid, Deadline>();
        foreach (var d in declarationRows)
        {
            var candidates = d.DueBasis is { } basis ? [(basis, d.DueCountedFrom)] : LegacyBases(d.Stage, d.StageEnteredAt);
            if (counts.Moved(d.CycleYear, d.DueAt, candidates) is { } moved)
            {
                movedDeclarations[d.Id] = moved;
            }
        }

        var taskRows = await (
            from t in db.Tasks.AsNoTracking()
            where t.CompletedAt == null && t.DueAt != null
            join d in db.Declarations on t.DeclarationId equals (Guid?)d.Id into owners
            from d in owners.DefaultIfEmpty()
            select new { t.Id, t.Kind, DueAt = t.DueAt!.Value, t.DueBasis, t.DueCountedFrom, t.CreatedAt, CycleYear = t.PackageCycleYear ?? (int?)d.CycleYear, t.DeclarationId, Version = (int?)d.Version })
            .ToListAsync(ct);
        var movedTasks = new Dictionary<Guid, Deadline>();
        foreach (var t in taskRows.Where(t => t.CycleYear is not null))
        {
            var candidates = t.DueBasis is { } basis ? [(basis, t.DueCountedFrom)] : LegacyBases(t.Kind, t.CreatedAt);
            if (counts.Moved(t.CycleYear!.Value, t.DueAt, candidates) is { } moved)
            {
                movedTasks[t.Id] = moved;
            }
        }
        if (movedDeclarations.Count == 0 && movedTasks.Count == 0)
        {
            return DueDateShift.None;
        }

        var now = clock.GetUtcNow();
        var changes = new Dictionary<(Guid? Declaration, int? Package), (DateTimeOffset From, DateTimeOffset To)>();
        var declarationIds = movedDeclarations.Keys.ToList();
        var declarations = await db.Declarations.Where(d => declarationIds.Contains(d.Id)).ToListAsync(ct);
        foreach (var declaration in declarations)
        {
            var due = movedDeclarations[declaration.Id];
            changes[(declaration.Id, null)] = (declaration.DueAt!.Value, due.DueAt);
            declaration.DueAt = due.DueAt;
            declaration.DueIsProvisional = due.IsProvisional;
            declaration.DueBasis = due.Basis;
            declaration.DueCountedFrom = due.CountedFrom;
        }
        var taskIds = movedTasks.Keys.ToList();
        var tasks = await db.Tasks.Where(t => taskIds.Contains(t.Id)).ToListAsync(ct);
        var events = new List<(WorkTask Task, MovedDueDate Item)>();
        foreach (var task in tasks)
        {
            var due = movedTasks[task.Id];
            var item = new MovedDueDate(task.Id, task.DueAt!.Value, due.DueAt);
            events.Add((task, item));
            // A declaration's own due date and its open task's move together; the audit says it once.
            changes.TryAdd((task.DeclarationId, task.DeclarationId is null ? task.PackageCycleYear : null), (item.PreviousDueAt, item.DueAt));
            task.DueAt = due.DueAt;
            task.FollowUpAt = task.FollowUpAt is null ? null : due.DueAt.AddDays(-3);
            task.DueBasis = due.Basis;
            task.DueCountedFrom = due.CountedFrom;
        }

        // The audit names the version each declaration is at; the rows read above already carry it.
        var versions = declarationRows.ToDictionary(d => d.Id, d => (int?)d.Version);
        foreach (var t in taskRows.Where(t => t.DeclarationId is not null))
        {
            versions.TryAdd(t.DeclarationId!.Value, t.Version);
        }
        foreach (var ((declarationId, packageYear), (from, to)) in changes)
        {
            db.AuditEvents.Add(new AuditEvent
            {
                DeclarationId = declarationId,
                PackageCycleYear = packageYear,
                At = now,
                ActorId = actor.UserId,
                ActorName = actor.Name,
                Action = ActionNames.DueMoved,
                Comment = $"{AuditPrefix}{DisplayFormat.MonthDay(from)} → {DisplayFormat.MonthDay(to)}（{reason}）",
                Ip = actor.Ip,
                Version = declarationId is { } id ? versions.GetValueOrDefault(id) : null,
            });
        }
        // One mail per holder: the person the task is assigned to, else its candidate group.
        foreach (var holder in events.GroupBy(e => (e.Task.AssigneeId, Role: e.Task.AssigneeId is null ? e.Task.CandidateRole : (UserRole?)null, Section: e.Task.AssigneeId is null ? e.Task.CandidateSectionId : null)))
        {
            var items = holder.Select(e => e.Item).OrderBy(i => i.DueAt).ThenBy(i => i.TaskId).ToList();
            Outbox.Add(db, new TaskDeadlinesMoved(Guid.NewGuid(), now, reason, items), now);
        }
        return new DueDateShift(tasks.Count, changes.Keys.Count(k => k.Declaration is not null));
    }

    /// <summary>
    /// What a declaration's due date stored before issue 14 (without its basis) can have been counted from, by stage: the
    /// cycle's deadline, or for a draft or an office review also a return counted from when the stage was entered.
    /// </summary>
    private static (DueBasis, DateTimeOffset?)[] LegacyBases(DeclarationStage stage, DateTimeOffset enteredAt) => stage switch
    {
        DeclarationStage.Draft => [(DueBasis.CycleDraft, null), (DueBasis.Returned, enteredAt)],
        DeclarationStage.OfficeReview => [(DueBasis.CycleOfficeReview, null), (DueBasis.Returned, enteredAt)],
        DeclarationStage.Consolidated or DeclarationStage.BureauReview => [(DueBasis.CycleBureauReview, null)],
        DeclarationStage.Approved => [(DueBasis.CycleSubmission, null)],
        _ => [],
    };

    /// <summary>The same for a task, by kind, a return counted from when the task was opened.</summary>
    private static (DueBasis, DateTimeOffset?)[] LegacyBases(TaskKind kind, DateTimeOffset createdAt) => kind switch
    {
        TaskKind.Draft => [(DueBasis.CycleDraft, null), (DueBasis.Returned, createdAt)],
        TaskKind.OfficeReview => [(DueBasis.CycleOfficeReview, null), (DueBasis.Returned, createdAt)],
        TaskKind.BureauReview => [(DueBasis.CycleBureauReview, null)],
        TaskKind.SubmitToFinance => [(DueBasis.CycleSubmission, null)],
        _ => [],
    };

    /// <summary>Counts each basis on both calendars (a cycle's deadlines once per calendar).</summary>
    private sealed class Counter(DeadlinePolicy before, DeadlinePolicy after, Dictionary<int, BudgetCycle> cycles)
    {
        private readonly Dictionary<(bool After, int Year, DueBasis Basis, DateTimeOffset? From), Deadline?> _cache = [];

        /// <summary>The new deadline when the first basis that gives <paramref name="stored"/> before the change gives another date after it; else null.</summary>
        public Deadline? Moved(int cycleYear, DateTimeOffset stored, IEnumerable<(DueBasis Basis, DateTimeOffset? From)> candidates)
        {
            if (!cycles.ContainsKey(cycleYear))
            {
                return null;
            }
            foreach (var (basis, from) in candidates)
            {
                if (Count(false, cycleYear, basis, from) is not { } old || old.DueAt != stored)
                {
                    continue;
                }
                return Count(true, cycleYear, basis, from) is { } counted && counted.DueAt != stored ? counted : null;
            }
            return null;
        }

        private Deadline? Count(bool afterChange, int year, DueBasis basis, DateTimeOffset? from)
        {
            var key = (afterChange, year, basis, basis == DueBasis.Returned ? from : null);
            if (!_cache.TryGetValue(key, out var deadline))
            {
                deadline = (afterChange ? after : before).Recount(basis, from, cycles[year].ToDeadlineOptions());
                _cache[key] = deadline;
            }
            return deadline;
        }
    }
}
