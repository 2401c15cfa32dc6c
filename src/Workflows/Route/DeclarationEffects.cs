using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Route;

/// <summary>One fired declaration trigger as its effects see it: the declaration has already moved on from <see cref="From"/>.</summary>
public sealed record FiredTrigger(
    DeclarationTrigger Trigger, Declaration Declaration, Actor Actor, DeclarationRoute Route, ActionRequest Request,
    DeclarationStage From, DateTimeOffset Now, DeadlineOptions Cycle, CycleDeadlines Deadlines);

/// <summary>
/// The declaration route's effects, read beside its transition table (<see cref="DeclarationRoute"/>): what each trigger
/// does besides changing the stage (docs/architecture.md §3–5) — the due date, the task opened for whoever acts next,
/// the version snapshot and the events. Package-driven triggers are fired by <see cref="PackageWorkflow"/>. Everything
/// goes into the action's unit of work through <see cref="RouteRecorder"/>; <see cref="DeclarationWorkflow"/> saves it.
/// </summary>
public sealed class DeclarationEffects(PerfWorkflowDbContext db, RouteRecorder recorder, DeadlinePolicy deadlines)
{
    /// <summary>The three returns: by the office or a leader to the 科室, by a leader to the office, by finance.</summary>
    public static bool IsReturn(DeclarationTrigger trigger) =>
        trigger is DeclarationTrigger.ReturnToSection or DeclarationTrigger.ReturnToOffice or DeclarationTrigger.FinanceReturn;

    /// <summary>What <paramref name="fired"/> does besides the stage; a trigger not listed here only clears the due date.</summary>
    public async Task ApplyAsync(FiredTrigger fired, CancellationToken ct)
    {
        switch (fired.Trigger)
        {
            case DeclarationTrigger.Submit:
                Submitted(fired);
                break;
            case DeclarationTrigger.Withdraw:
                ReopenDraft(fired, fired.Deadlines.Draft);
                break;
            case DeclarationTrigger.Accept:
                await AcceptedAsync(fired, ct);
                break;
            case var trigger when IsReturn(trigger):
                await ReturnedAsync(fired, ct);
                break;
            case DeclarationTrigger.Exclude:
                fired.Declaration.ExcludedReason = (fired.Request.Reason ?? fired.Request.Comment)!.Trim();
                RouteRecorder.SetDue(fired.Declaration, null);
                break;
            case DeclarationTrigger.Include:
                fired.Declaration.ExcludedReason = null;
                ReopenDraft(fired, deadlines.ForReturned(fired.Now, fired.Cycle));
                break;
            default:
                RouteRecorder.SetDue(fired.Declaration, null);
                break;
        }
    }

    /// <summary>科室提交: a version for the office to review, its task, and the events that tell the office.</summary>
    private void Submitted(FiredTrigger fired)
    {
        var (declaration, actor, now) = (fired.Declaration, fired.Actor, fired.Now);
        var previous = declaration.LastSubmittedVersion;
        recorder.Snapshot(declaration, VersionReason.Submitted, actor, now);
        declaration.LastSubmittedVersion = declaration.Version;
        declaration.OfficeHasActed = false;
        RouteRecorder.SetDue(declaration, fired.Deadlines.OfficeReview);
        recorder.OpenTask(declaration, TaskKind.OfficeReview, UserRole.Office, null, fired.Deadlines.OfficeReview, now);
        recorder.Publish(new DeclarationSubmitted(Guid.NewGuid(), declaration.Id, declaration.Version, previous, actor.UserId, now, fired.Request.Comment), now);
    }

    /// <summary>Back to the 科室 (withdrawn, or included again): due again, with a drafting task.</summary>
    private void ReopenDraft(FiredTrigger fired, Deadline due)
    {
        RouteRecorder.SetDue(fired.Declaration, due);
        recorder.OpenTask(fired.Declaration, TaskKind.Draft, UserRole.SectionDrafter, fired.Declaration.SectionId, due, fired.Now);
    }

    /// <summary>办公室纳入汇总; accepted after the package went to the bureau, it joins the bureau's review directly.</summary>
    private async Task AcceptedAsync(FiredTrigger fired, CancellationToken ct)
    {
        var declaration = fired.Declaration;
        declaration.OfficeHasActed = true;
        declaration.ReturnedByFinance = false;
        RouteRecorder.SetDue(declaration, fired.Deadlines.BureauReview);
        var package = await db.Packages.FindAsync([declaration.CycleYear], ct);
        if (package is { Stage: not PackageStage.Collecting and not PackageStage.Accepted })
        {
            fired.Route.Fire(DeclarationTrigger.EnterBureauReview);
        }
        recorder.Publish(new DeclarationAccepted(Guid.NewGuid(), declaration.Id, declaration.Version, fired.Actor.UserId, fired.Now), fired.Now);
    }

    /// <summary>退回 (by the office, a leader or finance): a version with the field comments, a task for whoever revises next.</summary>
    private async Task ReturnedAsync(FiredTrigger fired, CancellationToken ct)
    {
        var (declaration, actor, now) = (fired.Declaration, fired.Actor, fired.Now);
        declaration.OfficeHasActed = false;
        declaration.ReturnedByFinance |= fired.Trigger == DeclarationTrigger.FinanceReturn;
        recorder.Snapshot(declaration, VersionReason.Returned, actor, now);
        recorder.FieldComments(declaration, actor, fired.Request.FieldComments, now);
        var due = deadlines.ForReturned(now, fired.Cycle);
        RouteRecorder.SetDue(declaration, due);
        if (fired.Trigger == DeclarationTrigger.ReturnToOffice)
        {
            recorder.OpenTask(declaration, TaskKind.OfficeReview, UserRole.Office, null, due, now);
        }
        else
        {
            recorder.OpenTask(declaration, TaskKind.Draft, UserRole.SectionDrafter, declaration.SectionId, due, now);
        }
        recorder.Publish(new DeclarationReturned(
            Guid.NewGuid(), declaration.Id, declaration.Version, fired.From.ToString(), declaration.Stage.ToString(), actor.UserId, fired.Request.Comment, now), now);
        if (fired.Trigger == DeclarationTrigger.FinanceReturn)
        {
            await FinanceReturnedAsync(fired, ct);
        }
    }

    /// <summary>区财政局退回 one declaration: the package shows finance is reviewing (the rest stay with finance).</summary>
    private async Task FinanceReturnedAsync(FiredTrigger fired, CancellationToken ct)
    {
        var (declaration, actor, now) = (fired.Declaration, fired.Actor, fired.Now);
        var package = await db.Packages.FindAsync([declaration.CycleYear], ct);
        if (package is not null && new PackageRoute(package, actor) is { } packageRoute && packageRoute.CanFire(PackageTrigger.FinanceReturn))
        {
            packageRoute.Fire(PackageTrigger.FinanceReturn);
            RouteRecorder.Touch(package, actor, now);
        }
        recorder.Publish(new FinanceReturned(Guid.NewGuid(), declaration.CycleYear, declaration.Id, declaration.Version, actor.UserId, fired.Request.Comment, now), now);
    }
}
