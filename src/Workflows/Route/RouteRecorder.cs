using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Route;

/// <summary>
/// What a route action leaves behind besides the new stage: the version snapshot, the tasks closed and opened, review
/// comments, the audit entry and the outbox rows. Everything is only added to the action's unit of work (this service is
/// scoped with the workflows' context), so it commits or vanishes with the action's one SaveChanges
/// (docs/adr/002-route-versioning-and-transactions.md). Shared by <see cref="DeclarationWorkflow"/> and
/// <see cref="PackageWorkflow"/>.
/// </summary>
public sealed class RouteRecorder(PerfWorkflowDbContext db)
{
    /// <summary>The lower-case hex SHA-256 of the UTF-8 text (snapshots of forms and of the package).</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Every change is a new version (the concurrency token); a declaration not yet saved starts at 1.</summary>
    public static void Touch(Declaration declaration, Actor actor, DateTimeOffset now)
    {
        if (declaration.CreatedAt != default)
        {
            declaration.Version++;
        }
        declaration.UpdatedAt = now;
        declaration.UpdatedById = actor.UserId;
        declaration.UpdatedByName = actor.Name;
    }

    public static void Touch(Package package, Actor actor, DateTimeOffset now)
    {
        package.Version++;
        package.UpdatedAt = now;
        package.UpdatedByName = actor.Name;
    }

    /// <summary>The declaration's due date with what it was counted from (a calendar edit counts it again); null: nothing due.</summary>
    public static void SetDue(Declaration declaration, Deadline? due)
    {
        declaration.DueAt = due?.DueAt;
        declaration.DueIsProvisional = due?.IsProvisional ?? false;
        declaration.DueBasis = due?.Basis;
        declaration.DueCountedFrom = due?.CountedFrom;
    }

    /// <summary>An immutable copy of the form as it is now, numbered with the declaration's version.</summary>
    public void Snapshot(Declaration declaration, VersionReason reason, Actor actor, DateTimeOffset now) =>
        db.DeclarationVersions.Add(new DeclarationVersion
        {
            DeclarationId = declaration.Id,
            Number = declaration.Version,
            Reason = reason,
            Stage = declaration.Stage,
            FormJson = declaration.FormJson,
            Sha256 = Sha256(declaration.FormJson),
            CreatedAt = now,
            CreatedById = actor.UserId,
            CreatedByName = actor.Name,
        });

    /// <summary>A declaration's task for a role (and 科室), followed up three days before it is due; nobody is told yet.</summary>
    public WorkTask OpenTask(Declaration declaration, TaskKind kind, UserRole role, string? sectionId, Deadline due, DateTimeOffset now)
    {
        var task = NewTask(kind, role, due, now);
        task.DeclarationId = declaration.Id;
        task.CandidateSectionId = sectionId;
        task.FollowUpAt = due.DueAt.AddDays(-3);
        db.Tasks.Add(task);
        return task;
    }

    /// <summary>A package's task for a role; the package event of the same action tells the group.</summary>
    public WorkTask OpenPackageTask(int cycleYear, TaskKind kind, UserRole role, Deadline? due, DateTimeOffset now)
    {
        var task = NewTask(kind, role, due, now);
        task.PackageCycleYear = cycleYear;
        db.Tasks.Add(task);
        return task;
    }

    /// <summary>
    /// Tells the person <paramref name="task"/> was handed to (转办) that it is theirs. A task opened for a group is
    /// announced by the event of the action that opened it (DeclarationSubmitted, DeclarationReturned, the package's
    /// events); a <see cref="TaskAssigned"/> for it would mail nobody, so none is written: one event less per submit.
    /// </summary>
    public void Assigned(WorkTask task, int cycleYear, DateTimeOffset now)
    {
        if (task.AssigneeId is null)
        {
            return;
        }
        Publish(new TaskAssigned(Guid.NewGuid(), task.Id, task.DeclarationId, cycleYear, now, task.AssigneeId), now);
    }

    public Task CloseTasksAsync(Declaration declaration, Actor actor, string outcome, string? comment, DateTimeOffset now, CancellationToken ct) =>
        CloseAsync(db.Tasks.Where(t => t.DeclarationId == declaration.Id), actor, outcome, comment, now, ct);

    public Task ClosePackageTasksAsync(int cycleYear, Actor actor, string outcome, DateTimeOffset now, CancellationToken ct) =>
        CloseAsync(db.Tasks.Where(t => t.PackageCycleYear == cycleYear), actor, outcome, null, now, ct);

    /// <summary>退回意见 by field, kept with the version they were written against.</summary>
    public void FieldComments(Declaration declaration, Actor actor, IReadOnlyDictionary<string, string>? comments, DateTimeOffset now)
    {
        foreach (var (field, text) in comments ?? new Dictionary<string, string>())
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                db.ReviewComments.Add(new ReviewComment
                {
                    DeclarationId = declaration.Id,
                    Version = declaration.Version,
                    Field = field,
                    Comment = text.Trim(),
                    AuthorId = actor.UserId,
                    AuthorName = actor.Name,
                    At = now,
                });
            }
        }
    }

    public void Audit(Declaration declaration, Actor actor, string action, DeclarationStage? from, DeclarationStage? to, string? comment, DateTimeOffset now) =>
        db.AuditEvents.Add(AuditEvent.For(declaration, actor, action, from?.ToString(), to?.ToString(), comment, now));

    public void Audit(Package package, Actor actor, string action, PackageStage from, DateTimeOffset now) =>
        db.AuditEvents.Add(AuditEvent.For(package, actor, action, from.ToString(), package.Stage.ToString(), now));

    /// <summary>An integration event, sent by the outbox once the action has committed (docs/architecture.md §5).</summary>
    public void Publish(IIntegrationEvent message, DateTimeOffset now) => Outbox.Add(db, message, now);

    private static WorkTask NewTask(TaskKind kind, UserRole role, Deadline? due, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        Kind = kind,
        CandidateRole = role,
        CreatedAt = now,
        DueAt = due?.DueAt,
        DueBasis = due?.Basis,
        DueCountedFrom = due?.CountedFrom,
    };

    private static async Task CloseAsync(IQueryable<WorkTask> tasks, Actor actor, string outcome, string? comment, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var task in await tasks.Where(t => t.CompletedAt == null).ToListAsync(ct))
        {
            task.CompletedAt = now;
            task.CompletedById = actor.UserId;
            task.CompletedByName = actor.Name;
            task.Outcome = outcome;
            task.Comment = comment;
        }
    }
}
