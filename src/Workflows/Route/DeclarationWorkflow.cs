using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Route;

/// <summary>
/// Every declaration action: load → check who may act (<see cref="DeclarationAccess"/>) and whether the form is valid →
/// fire the route (<see cref="DeclarationRoute"/>) and its effects (<see cref="DeclarationEffects"/>) → save state, version snapshot, tasks, audit event
/// and outbox rows (<see cref="RouteRecorder"/>) in one SaveChanges (one transaction).
/// </summary>
public sealed class DeclarationWorkflow(
    PerfWorkflowDbContext db,
    DeclarationValidator validator,
    DeadlinePolicy deadlines,
    RouteRecorder recorder,
    DeclarationEffects effects,
    TimeProvider clock)
{
    /// <summary>Declarations this user may see (<see cref="DeclarationAccess.VisibleTo"/>).</summary>
    public IQueryable<Declaration> VisibleTo(Actor actor) => DeclarationAccess.VisibleTo(db.Declarations, actor);

    public Task<Declaration?> FindVisibleAsync(Actor actor, Guid id, CancellationToken ct) =>
        VisibleTo(actor).FirstOrDefaultAsync(d => d.Id == id, ct);

    /// <summary>Loads a declaration for this user: unknown id → NotFound, exists but not theirs to see → Forbidden.</summary>
    public async Task<(Declaration? Declaration, ActionOutcome? Refusal)> LoadAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var visible = await FindVisibleAsync(actor, id, ct);
        if (visible is not null)
        {
            return (visible, null);
        }
        return await db.Declarations.AnyAsync(d => d.Id == id, ct)
            ? (null, new ActionOutcome.Forbidden(DeclarationAccess.NotVisible))
            : (null, new ActionOutcome.NotFound());
    }

    /// <inheritdoc cref="DeclarationAccess.PermittedActions"/>
    public static IReadOnlyList<string> PermittedActions(Declaration declaration, Actor actor) => DeclarationAccess.PermittedActions(declaration, actor);

    /// <inheritdoc cref="DeclarationAccess.CanEdit"/>
    public static bool CanEdit(Declaration declaration, Actor actor) => DeclarationAccess.CanEdit(declaration, actor);

    /// <inheritdoc cref="DeclarationAccess.CanImportInto"/>
    public static bool CanImportInto(Declaration declaration, Actor actor) => DeclarationAccess.CanImportInto(declaration, actor);

    /// <summary>The findings of a form under the rules of the configured budget year.</summary>
    public IReadOnlyList<Finding> Validate(DeclarationForm form) => validator.Validate(form);

    /// <summary>The findings of a form under the rules of its cycle's budget year.</summary>
    public IReadOnlyList<Finding> Validate(DeclarationForm form, int cycleYear) => validator.ForBudgetYear(cycleYear).Validate(form);

    private (string Json, int CycleYear, DeclarationForm Form, IReadOnlyList<Finding> Findings)? _inspected;

    /// <summary>
    /// The declaration's current form and its findings. Within one request (this service is scoped) the result for the
    /// same stored JSON is reused, so an action and its answer read and validate the form once.
    /// </summary>
    public (DeclarationForm Form, IReadOnlyList<Finding> Findings) Inspect(Declaration declaration)
    {
        if (_inspected is { } last && ReferenceEquals(last.Json, declaration.FormJson) && last.CycleYear == declaration.CycleYear)
        {
            return (last.Form, last.Findings);
        }
        var form = declaration.ReadForm();
        var findings = Validate(form, declaration.CycleYear);
        _inspected = (declaration.FormJson, declaration.CycleYear, form, findings);
        return (form, findings);
    }

    public Task<ActionOutcome> CreateAsync(Actor actor, int cycleYear, DeclarationForm form, CancellationToken ct, Guid? originId = null) =>
        CreateAsync(actor, cycleYear, form, originId, null, ct);

    /// <summary>
    /// Creates a Draft; <paramref name="import"/> (a file upload, docs/architecture.md §8) lets the office create it
    /// for the 科室 it names and records "导入自 FILE" in the audit trail.
    /// </summary>
    public async Task<ActionOutcome> CreateAsync(Actor actor, int cycleYear, DeclarationForm form, Guid? originId, ImportSource? import, CancellationToken ct)
    {
        if (DeclarationAccess.SectionToCreateIn(actor, import) is not { } sectionId)
        {
            return new ActionOutcome.Forbidden(DeclarationAccess.OnlySectionsCreate);
        }
        var cycle = await db.BudgetCycles.FindAsync([cycleYear], ct);
        if (cycle is null)
        {
            return new ActionOutcome.BadRequest($"预算年度 {cycleYear} 尚未开放申报。");
        }
        // The package cannot drift: once it has left 汇总中 its members and totals are fixed (docs/adr/006-package-frozen.md).
        var package = await db.Packages.FindAsync([cycleYear], ct);
        if (FrozenPackageReason(package) is { } frozen)
        {
            return new ActionOutcome.NotPermitted(frozen, package!.Stage.ToString(), []);
        }
        var now = clock.GetUtcNow();
        if (package is not null)
        {
            // Touch the package row (its version is the concurrency token): a create racing the office's 报局审核 makes
            // one of the two fail instead of slipping a member into a package that just left 汇总中.
            package.Version++;
        }
        var declaration = AddDraft(actor, cycle, sectionId, form, originId, now);
        recorder.Audit(declaration, actor, originId is null ? "create" : "copy", null, declaration.Stage, import?.AuditComment, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ActionOutcome.NotPermitted(
                $"{cycleYear} 年度申报包刚刚发生变化（可能已报局审核），申报表没有新建。请刷新后重试。", PackageStage.Collecting.ToString(), []);
        }
        return new ActionOutcome.Done(declaration);
    }

    /// <inheritdoc cref="DeclarationAccess.FrozenPackageReason"/>
    public static string? FrozenPackageReason(Package? package) => DeclarationAccess.FrozenPackageReason(package);

    /// <summary>A new Draft with its first version snapshot and the 科室's drafting task, added to the unit of work.</summary>
    private Declaration AddDraft(Actor actor, BudgetCycle cycle, string sectionId, DeclarationForm form, Guid? originId, DateTimeOffset now)
    {
        var declaration = new Declaration
        {
            Id = Guid.NewGuid(),
            CycleYear = cycle.Year,
            SectionId = sectionId,
            Stage = DeclarationStage.Draft,
            CreatedById = actor.UserId,
            StageEnteredAt = now,
            OriginDeclarationId = originId,
        };
        ApplyForm(declaration, form, actor, now);
        declaration.CreatedAt = now;
        var due = deadlines.ForCycle(cycle.ToDeadlineOptions()).Draft;
        RouteRecorder.SetDue(declaration, due);
        db.Declarations.Add(declaration);
        recorder.Snapshot(declaration, originId is null ? VersionReason.Created : VersionReason.CopiedFromLastYear, actor, now);
        recorder.OpenTask(declaration, TaskKind.Draft, UserRole.SectionDrafter, declaration.SectionId, due, now);
        return declaration;
    }

    /// <summary>Starts this year's draft from last year's declaration; the origin is kept so differences stay viewable.</summary>
    public async Task<ActionOutcome> CopyAsync(Actor actor, Guid sourceId, int cycleYear, CancellationToken ct)
    {
        var (source, refusal) = await LoadAsync(actor, sourceId, ct);
        if (source is null)
        {
            return refusal!;
        }
        var outcome = await CreateAsync(actor, cycleYear, source.ReadForm(), ct, source.Id);
        if (outcome is ActionOutcome.Done { Declaration: { } copy })
        {
            copy.OriginVersion = source.Version;
            await db.SaveChangesAsync(ct);
        }
        return outcome;
    }

    /// <summary>Saves a new form content (the API's PUT). The office's edits during review are snapshotted as office edits.</summary>
    public Task<ActionOutcome> UpdateAsync(Actor actor, Guid id, DeclarationForm form, int? expectedVersion, CancellationToken ct) =>
        UpdateAsync(actor, id, form, expectedVersion, SaveKind.Plain, ct);

    /// <summary>Saves a new form content. The office's edits during review are snapshotted as office edits.</summary>
    /// <param name="kind">
    /// <see cref="SaveKind.Explicit"/> (the user pressed 保存) records a version in 修改历史; <see cref="SaveKind.Auto"/>
    /// (the editor's autosave, or a row added without script) only keeps the text, bumping the concurrency counter so a
    /// stale save is still caught, with no version snapshot and no audit entry.
    /// </param>
    public Task<ActionOutcome> UpdateAsync(Actor actor, Guid id, DeclarationForm form, int? expectedVersion, SaveKind kind, CancellationToken ct) =>
        UpdateAsync(actor, id, form, expectedVersion, kind, null, ct);

    /// <summary>
    /// Saves a new form content; an <paramref name="import"/> also lets the office replace a Draft of any 科室 and
    /// records "导入自 FILE" in the audit trail.
    /// </summary>
    public async Task<ActionOutcome> UpdateAsync(Actor actor, Guid id, DeclarationForm form, int? expectedVersion, SaveKind kind, ImportSource? import, CancellationToken ct)
    {
        var (declaration, refusal) = await LoadAsync(actor, id, ct);
        if (declaration is null)
        {
            return refusal!;
        }
        if (!DeclarationAccess.CanEdit(declaration, actor) && !(import is not null && DeclarationAccess.CanImportInto(declaration, actor)))
        {
            return DeclarationAccess.EditRefusal(declaration, actor);
        }
        if (StaleCheck(declaration, expectedVersion) is { } stale)
        {
            return stale;
        }
        var now = clock.GetUtcNow();
        ApplyForm(declaration, form, actor, now);
        if (declaration.Stage == DeclarationStage.OfficeReview)
        {
            declaration.OfficeHasActed = true;
        }
        if (kind == SaveKind.Auto)
        {
            return await SaveAsync(declaration, null, ct);
        }
        if (declaration.Stage == DeclarationStage.OfficeReview)
        {
            recorder.Snapshot(declaration, VersionReason.OfficeEdit, actor, now);
        }
        else if (kind == SaveKind.Explicit)
        {
            recorder.Snapshot(declaration, VersionReason.Saved, actor, now);
        }
        recorder.Audit(declaration, actor, "edit", declaration.Stage, declaration.Stage, import?.AuditComment, now);
        return await SaveAsync(declaration, null, ct);
    }

    /// <summary>Runs one route action (submit, withdraw, accept, return, exclude, include, approve, reassign, claim).</summary>
    public async Task<ActionOutcome> ActAsync(
        Actor actor, Guid id, string action, ActionRequest request, Func<Declaration, IdempotencyRecord>? idempotency, CancellationToken ct)
    {
        // One span and one count per route action (docs/architecture.md, observability).
        using var span = Telemetry.PerfWorkflowTelemetry.Source.StartActivity("declaration." + action);
        span?.SetTag("perfworkflow.declaration_id", id);
        span?.SetTag("perfworkflow.action", action);
        var outcome = await ActOnceAsync(actor, id, action, request, idempotency, ct);
        var name = Telemetry.PerfWorkflowTelemetry.OutcomeName(outcome);
        span?.SetTag("perfworkflow.outcome", name);
        Telemetry.PerfWorkflowTelemetry.RecordAction(action, name);
        return outcome;
    }

    private async Task<ActionOutcome> ActOnceAsync(
        Actor actor, Guid id, string action, ActionRequest request, Func<Declaration, IdempotencyRecord>? idempotency, CancellationToken ct)
    {
        var (declaration, refusal) = await LoadAsync(actor, id, ct);
        if (declaration is null)
        {
            return refusal!;
        }
        if (!ActionNames.All.Contains(action))
        {
            return new ActionOutcome.NotPermitted($"没有名为「{action}」的操作。", declaration.Stage.ToString(), DeclarationAccess.PermittedActions(declaration, actor));
        }
        if (StaleCheck(declaration, request.ExpectedVersion) is { } stale)
        {
            return stale;
        }
        var now = clock.GetUtcNow();
        ActionOutcome? refused = action switch
        {
            ActionNames.Reassign => await ReassignAsync(declaration, actor, request, now, ct),
            ActionNames.Claim => await ClaimAsync(declaration, actor, now, ct),
            _ => await FireAsync(declaration, actor, action, request, now, ct),
        };
        if (refused is not null)
        {
            return refused;
        }
        return await SaveAsync(declaration, idempotency, ct);
    }

    /// <summary>Fires the trigger the wire action means, then its effects; returns the refusal, or null when done.</summary>
    private async Task<ActionOutcome?> FireAsync(Declaration declaration, Actor actor, string action, ActionRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var trigger = ActionNames.ToTrigger(action, declaration.Stage, request.To);
        var route = new DeclarationRoute(declaration, actor);
        if (trigger is null || !route.CanFire(trigger.Value))
        {
            return DeclarationAccess.Refuse(declaration, actor, action);
        }
        if (RequestRefusal(declaration, trigger.Value, request) is { } refusal)
        {
            return refusal;
        }
        var from = declaration.Stage;
        route.Fire(trigger.Value);
        declaration.StageEnteredAt = now;
        // Every fired action is one new version: it is what makes a concurrent second action fail as stale.
        RouteRecorder.Touch(declaration, actor, now);
        await recorder.CloseTasksAsync(declaration, actor, action, request.Comment, now, ct);
        var cycle = (await db.BudgetCycles.FindAsync([declaration.CycleYear], ct))!.ToDeadlineOptions();
        await effects.ApplyAsync(new FiredTrigger(trigger.Value, declaration, actor, route, request, from, now, cycle, deadlines.ForCycle(cycle)), ct);
        recorder.Audit(declaration, actor, action, from, declaration.Stage, request.Comment ?? request.Reason, now);
        return null;
    }

    /// <summary>Why the request cannot fire a permitted trigger: error findings (submit, accept) or a missing or too long text.</summary>
    private ActionOutcome? RequestRefusal(Declaration declaration, DeclarationTrigger trigger, ActionRequest request)
    {
        if (trigger is DeclarationTrigger.Submit or DeclarationTrigger.Accept)
        {
            var errors = Inspect(declaration).Findings.Where(f => f.Severity == Severity.Error).ToList();
            if (errors.Count > 0)
            {
                return new ActionOutcome.Invalid(errors);
            }
        }
        if (new[] { request.Comment, request.Reason }.Concat(request.FieldComments?.Values ?? []).Any(t => t?.Length > ActionRequest.MaxCommentLength))
        {
            return new ActionOutcome.BadRequest($"意见、原因或修改说明不能超过 {ActionRequest.MaxCommentLength} 个字。");
        }
        if (trigger == DeclarationTrigger.Exclude && string.IsNullOrWhiteSpace(request.Reason ?? request.Comment))
        {
            return new ActionOutcome.BadRequest("不纳入汇总必须填写原因。");
        }
        if (DeclarationEffects.IsReturn(trigger) && string.IsNullOrWhiteSpace(request.Comment) && (request.FieldComments is null || request.FieldComments.Count == 0))
        {
            return new ActionOutcome.BadRequest("退回必须填写退回意见（总体意见或逐项意见）。");
        }
        return null;
    }

    private async Task<ActionOutcome?> ClaimAsync(Declaration declaration, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.DeclarationId == declaration.Id && t.CompletedAt == null, ct);
        if (task is null || !task.IsFor(actor))
        {
            return DeclarationAccess.Refuse(declaration, actor, ActionNames.Claim);
        }
        task.AssigneeId = actor.UserId;
        task.AssigneeName = actor.Name;
        task.ClaimedAt = now;
        if (task.Kind == TaskKind.OfficeReview)
        {
            declaration.OfficeHasActed = true;
        }
        RouteRecorder.Touch(declaration, actor, now);
        recorder.Audit(declaration, actor, ActionNames.Claim, declaration.Stage, declaration.Stage, null, now);
        return null;
    }

    /// <summary>转办: the office hands an open task to a named person (audited, and the new assignee is told).</summary>
    private async Task<ActionOutcome?> ReassignAsync(Declaration declaration, Actor actor, ActionRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if (!DeclarationAccess.PermittedActions(declaration, actor).Contains(ActionNames.Reassign))
        {
            return DeclarationAccess.Refuse(declaration, actor, ActionNames.Reassign);
        }
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.DeclarationId == declaration.Id && t.CompletedAt == null, ct);
        var assignee = await db.Users.FirstOrDefaultAsync(u => u.UserName == request.Assignee && u.IsActive, ct);
        if (task is null)
        {
            return new ActionOutcome.BadRequest("这张申报表当前没有待办任务可以转办。");
        }
        if (assignee is null || assignee.Role != task.CandidateRole
            || (task.CandidateSectionId is not null && assignee.SectionId != task.CandidateSectionId))
        {
            return new ActionOutcome.BadRequest("转办对象不存在，或不属于该任务的办理范围（角色/科室不符）。");
        }
        task.DelegatedById = actor.UserId;
        task.AssigneeId = assignee.Id;
        task.AssigneeName = assignee.DisplayName;
        task.ClaimedAt = null;
        RouteRecorder.Touch(declaration, actor, now);
        recorder.Audit(declaration, actor, ActionNames.Reassign, declaration.Stage, declaration.Stage, $"转办给 {assignee.DisplayName}。{request.Comment}".Trim(), now);
        recorder.Assigned(task, declaration.CycleYear, now);
        return null;
    }

    private static ActionOutcome? StaleCheck(Declaration declaration, int? expectedVersion) =>
        expectedVersion is { } expected && expected != declaration.Version
            ? new ActionOutcome.Stale(declaration.Version, declaration.UpdatedByName, declaration.UpdatedAt)
            : null;

    private async Task<ActionOutcome> SaveAsync(Declaration declaration, Func<Declaration, IdempotencyRecord>? idempotency, CancellationToken ct)
    {
        if (idempotency is not null)
        {
            db.IdempotencyRecords.Add(idempotency(declaration));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: report who, from the row as it is now.
            var current = await db.Declarations.AsNoTracking().FirstAsync(d => d.Id == declaration.Id, ct);
            return new ActionOutcome.Stale(current.Version, current.UpdatedByName, current.UpdatedAt);
        }
        return new ActionOutcome.Done(declaration);
    }

    private void ApplyForm(Declaration declaration, DeclarationForm form, Actor actor, DateTimeOffset now)
    {
        declaration.WriteForm(form, Validate(form, declaration.CycleYear));
        RouteRecorder.Touch(declaration, actor, now);
    }
}
