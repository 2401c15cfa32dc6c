using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Tasks;

/// <summary>
/// 催办: the office reminds whoever holds a declaration's open task, now. The urge row, its audit entry and the outbox
/// event commit together; the urge's unique key allows one per holder and declaration per day.
/// </summary>
public sealed class DeclarationUrging(PerfWorkflowDbContext db, DeclarationWorkflow workflow, TimeProvider clock)
{
    public const int MaxCommentLength = 500;

    public static bool MayUrge(Actor actor) => actor.Role is UserRole.Office or UserRole.Admin;

    public async Task<ActionOutcome> UrgeAsync(Actor actor, Guid declarationId, string? comment, CancellationToken ct)
    {
        var (declaration, refusal) = await workflow.LoadAsync(actor, declarationId, ct);
        if (declaration is null)
        {
            return refusal!;
        }
        if (!MayUrge(actor))
        {
            return new ActionOutcome.Forbidden("只有办公室可以催办。");
        }
        if (comment?.Trim() is { Length: > MaxCommentLength })
        {
            return new ActionOutcome.BadRequest($"催办说明不能超过 {MaxCommentLength} 个字。");
        }
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.DeclarationId == declarationId && t.CompletedAt == null, ct);
        if (task is null)
        {
            return new ActionOutcome.BadRequest("这张申报表当前没有待办任务，无需催办。");
        }
        var now = clock.GetUtcNow();
        var today = ChinaTime.Today(clock);
        var holderKey = TaskUrge.HolderKeyOf(task);
        var holder = await HolderNameAsync(task, ct);
        if (await db.TaskUrges.AsNoTracking().FirstOrDefaultAsync(u => u.DeclarationId == declarationId && u.HolderKey == holderKey && u.Day == today, ct) is { } earlier)
        {
            return TooSoon(holder, earlier.At);
        }
        var eventId = Guid.NewGuid();
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        db.TaskUrges.Add(new TaskUrge
        {
            DeclarationId = declarationId, TaskId = task.Id, HolderKey = holderKey, Day = today, At = now, ById = actor.UserId, EventId = eventId,
        });
        db.AuditEvents.Add(new AuditEvent
        {
            DeclarationId = declarationId,
            At = now,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Action = "remind",
            FromStage = declaration.Stage.ToString(),
            ToStage = declaration.Stage.ToString(),
            Comment = $"催办 {holder}" + (text is null ? "" : $"：{text}"),
            Ip = actor.Ip,
            Version = declaration.Version,
        });
        Outbox.Add(db, new TaskUrged(eventId, task.Id, declarationId, actor.UserId, text, now), now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone urged the same holder a moment ago: theirs stands, this one is the refusal.
            db.ChangeTracker.Clear();
            var first = await db.TaskUrges.AsNoTracking().FirstOrDefaultAsync(u => u.DeclarationId == declarationId && u.HolderKey == holderKey && u.Day == today, ct);
            if (first is null)
            {
                throw;
            }
            return TooSoon(holder, first.At);
        }
        return new ActionOutcome.Done(declaration);
    }

    private static ActionOutcome TooSoon(string holder, DateTimeOffset at) =>
        new ActionOutcome.TooSoon($"今天（{ChinaTime.ToChina(at):HH:mm}）已向 {holder} 催办过这张申报表，每人每张申报表每个工作日只能催办一次，请明天再催办。");

    private async Task<string> HolderNameAsync(WorkTask task, CancellationToken ct)
    {
        if (task.AssigneeName is { Length: > 0 } name)
        {
            return name;
        }
        var section = task.CandidateSectionId is { } id ? await db.Sections.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).FirstOrDefaultAsync(ct) : null;
        return (section ?? "") + task.CandidateRole switch
        {
            UserRole.SectionDrafter => "经办人",
            UserRole.SectionHead => "负责人",
            UserRole.Office => "办公室",
            UserRole.BureauLeader => "局领导",
            UserRole.FinanceLiaison => "区财政局联络",
            _ => "",
        };
    }
}
