using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
/// Every declaration action: load → check who may act and whether the form is valid → fire the route → save state,
/// version snapshot, tasks, audit event and outbox rows in one SaveChanges (one transaction).
/// </summary>
public sealed class DeclarationWorkflow(
    PerfWorkflowDbContext db,
    DeclarationValidator validator,
    DeadlinePolicy deadlines,
    TimeProvider clock)
{
    /// <summary>Declarations this user may see: own 科室 for sections, all for office/leaders/admin, what was sent to finance for finance.</summary>
    public IQueryable<Declaration> VisibleTo(Actor actor)
    {
        var all = db.Declarations.AsQueryable();
        return actor.Role switch
        {
            UserRole.Office or UserRole.BureauLeader or UserRole.Admin => all,
            UserRole.SectionDrafter or UserRole.SectionHead => all.Where(d => d.SectionId == actor.SectionId),
            UserRole.FinanceLiaison => all.Where(d => d.Stage == DeclarationStage.SubmittedToFinance
                                                      || d.Stage == DeclarationStage.Finalized || d.ReturnedByFinance),
            _ => all.Where(_ => false),
        };
    }

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
            ? (null, new ActionOutcome.Forbidden("您无权查看这张申报表（不属于您的科室或尚未报送到您这一环节）。"))
            : (null, new ActionOutcome.NotFound());
    }

    /// <summary>The wire actions this user may take now (buttons and <c>permittedActions</c>).</summary>
    public static IReadOnlyList<string> PermittedActions(Declaration declaration, Actor actor)
    {
        var route = new DeclarationRoute(declaration, actor);
        var actions = route.PermittedTriggers.Select(ActionNames.Of).Where(a => a.Length > 0).Distinct().ToList();
        if (actor.Role is UserRole.Office or UserRole.Admin && declaration.Stage is DeclarationStage.Draft or DeclarationStage.OfficeReview)
        {
            actions.Add(ActionNames.Reassign);
        }
        return actions;
    }

    /// <summary>Who may change the form now: the 科室 in Draft, the office during its review (recorded as an office edit).</summary>
    public static bool CanEdit(Declaration declaration, Actor actor) =>
        (declaration.Stage == DeclarationStage.Draft && actor.IsSectionMember(declaration.SectionId))
        || (declaration.Stage == DeclarationStage.OfficeReview && actor.Role == UserRole.Office);

    /// <summary>Who may replace a form by an upload: its 科室 or the office, while it is a Draft.</summary>
    public static bool CanImportInto(Declaration declaration, Actor actor) =>
        declaration.Stage == DeclarationStage.Draft && (actor.IsSectionMember(declaration.SectionId) || actor.Role == UserRole.Office);

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
        var sectionId = import is { SectionId: { } chosen } && actor.Role == UserRole.Office ? chosen : actor.SectionId;
        if ((actor.Role is not (UserRole.SectionDrafter or UserRole.SectionHead) && !(import is not null && actor.Role == UserRole.Office)) || sectionId is null)
        {
            return new ActionOutcome.Forbidden("只有科室经办人或科室负责人可以新建申报表。");
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
        var declaration = new Declaration
        {
            Id = Guid.NewGuid(),
            CycleYear = cycleYear,
            SectionId = sectionId,
            Stage = DeclarationStage.Draft,
            CreatedById = actor.UserId,
            StageEnteredAt = now,
            OriginDeclarationId = originId,
        };
        ApplyForm(declaration, form, actor, now);
        declaration.CreatedAt = now;
        var due = deadlines.ForCycle(cycle.ToDeadlineOptions()).Draft;
        SetDue(declaration, due);
        db.Declarations.Add(declaration);
        Snapshot(declaration, originId is null ? VersionReason.Created : VersionReason.CopiedFromLastYear, actor, now);
        OpenTask(declaration, TaskKind.Draft, UserRole.SectionDrafter, declaration.SectionId, due, now);
        Audit(declaration, actor, originId is null ? "create" : "copy", null, declaration.Stage, import?.AuditComment, now);
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

    /// <summary>Why no declaration can be created in the package's cycle any more; null while it is 汇总中 (or not started).</summary>
    public static string? FrozenPackageReason(Package? package) =>
        package is { Stage: not PackageStage.Collecting }
            ? $"{package.CycleYear} 年度申报包已{PackageStageText(package.Stage)}，成员和金额已固定，不能再新建这一年度的申报表。如确需补报，请联系办公室。"
            : null;

    private static string PackageStageText(PackageStage stage) => stage switch
    {
        PackageStage.BureauReview => "报局审核",
        PackageStage.Approved => "经局审定",
        PackageStage.SubmittedToFinance or PackageStage.FinanceReviewing => "报送区财政",
        PackageStage.Accepted => "经区财政审核通过",
        _ => "离开汇总阶段",
    };

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
        if (!CanEdit(declaration, actor) && !(import is not null && CanImportInto(declaration, actor)))
        {
            return declaration.Stage is DeclarationStage.Draft or DeclarationStage.OfficeReview && !actor.SeesWholeBureau && !actor.IsSectionMember(declaration.SectionId)
                ? new ActionOutcome.Forbidden("这不是您所在科室的申报表。")
                : new ActionOutcome.NotPermitted(
                    $"申报表处于「{StageLabels.For(declaration.Stage.ToString())}」阶段，您不能修改。", declaration.Stage.ToString(), PermittedActions(declaration, actor));
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
            Snapshot(declaration, VersionReason.OfficeEdit, actor, now);
        }
        else if (kind == SaveKind.Explicit)
        {
            Snapshot(declaration, VersionReason.Saved, actor, now);
        }
        Audit(declaration, actor, "edit", declaration.Stage, declaration.Stage, import?.AuditComment, now);
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
            return new ActionOutcome.NotPermitted($"没有名为「{action}」的操作。", declaration.Stage.ToString(), PermittedActions(declaration, actor));
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

    private async Task<ActionOutcome?> FireAsync(Declaration declaration, Actor actor, string action, ActionRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var trigger = ActionNames.ToTrigger(action, declaration.Stage, request.To);
        var route = new DeclarationRoute(declaration, actor);
        if (trigger is null || !route.CanFire(trigger.Value))
        {
            return Refuse(declaration, actor, action);
        }
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
        if (trigger is DeclarationTrigger.ReturnToSection or DeclarationTrigger.ReturnToOffice or DeclarationTrigger.FinanceReturn
            && string.IsNullOrWhiteSpace(request.Comment) && (request.FieldComments is null || request.FieldComments.Count == 0))
        {
            return new ActionOutcome.BadRequest("退回必须填写退回意见（总体意见或逐项意见）。");
        }

        var from = declaration.Stage;
        route.Fire(trigger.Value);
        declaration.StageEnteredAt = now;
        // Every fired action is one new version: it is what makes a concurrent second action fail as stale.
        Touch(declaration, actor, now);
        await CloseOpenTasksAsync(declaration, actor, action, request.Comment, now, ct);
        var cycle = await db.BudgetCycles.FindAsync([declaration.CycleYear], ct);
        var cycleDeadlines = deadlines.ForCycle(cycle!.ToDeadlineOptions());

        switch (trigger.Value)
        {
            case DeclarationTrigger.Submit:
                var previous = declaration.LastSubmittedVersion;
                Snapshot(declaration, VersionReason.Submitted, actor, now);
                declaration.LastSubmittedVersion = declaration.Version;
                declaration.OfficeHasActed = false;
                SetDue(declaration, cycleDeadlines.OfficeReview);
                var task = OpenTask(declaration, TaskKind.OfficeReview, UserRole.Office, null, cycleDeadlines.OfficeReview, now);
                Publish(new DeclarationSubmitted(Guid.NewGuid(), declaration.Id, declaration.Version, previous, actor.UserId, now, request.Comment), now);
                Publish(new TaskAssigned(Guid.NewGuid(), task.Id, declaration.Id, declaration.CycleYear, now, task.AssigneeId), now);
                break;
            case DeclarationTrigger.Withdraw:
                SetDue(declaration, cycleDeadlines.Draft);
                OpenTask(declaration, TaskKind.Draft, UserRole.SectionDrafter, declaration.SectionId, cycleDeadlines.Draft, now);
                break;
            case DeclarationTrigger.Accept:
                declaration.OfficeHasActed = true;
                declaration.ReturnedByFinance = false;
                SetDue(declaration, cycleDeadlines.BureauReview);
                // A declaration accepted after the package went to the bureau joins the bureau's review directly.
                var package = await db.Packages.FindAsync([declaration.CycleYear], ct);
                if (package is { Stage: not PackageStage.Collecting and not PackageStage.Accepted })
                {
                    route.Fire(DeclarationTrigger.EnterBureauReview);
                }
                Publish(new DeclarationAccepted(Guid.NewGuid(), declaration.Id, declaration.Version, actor.UserId, now), now);
                break;
            case DeclarationTrigger.ReturnToSection or DeclarationTrigger.ReturnToOffice or DeclarationTrigger.FinanceReturn:
                declaration.OfficeHasActed = false;
                declaration.ReturnedByFinance |= trigger == DeclarationTrigger.FinanceReturn;
                Snapshot(declaration, VersionReason.Returned, actor, now);
                SaveFieldComments(declaration, actor, request.FieldComments, now);
                var returned = deadlines.ForReturned(now, cycle.ToDeadlineOptions());
                SetDue(declaration, returned);
                var reopened = trigger == DeclarationTrigger.ReturnToOffice
                    ? OpenTask(declaration, TaskKind.OfficeReview, UserRole.Office, null, returned, now)
                    : OpenTask(declaration, TaskKind.Draft, UserRole.SectionDrafter, declaration.SectionId, returned, now);
                Publish(new DeclarationReturned(Guid.NewGuid(), declaration.Id, declaration.Version, from.ToString(), declaration.Stage.ToString(), actor.UserId, request.Comment, now), now);
                if (trigger == DeclarationTrigger.FinanceReturn)
                {
                    var financePackage = await db.Packages.FindAsync([declaration.CycleYear], ct);
                    if (financePackage is not null && new PackageRoute(financePackage, actor) is { } packageRoute
                        && packageRoute.CanFire(PackageTrigger.FinanceReturn))
                    {
                        packageRoute.Fire(PackageTrigger.FinanceReturn);
                        financePackage.Version++;
                        financePackage.UpdatedAt = now;
                        financePackage.UpdatedByName = actor.Name;
                    }
                    Publish(new FinanceReturned(Guid.NewGuid(), declaration.CycleYear, declaration.Id, declaration.Version, actor.UserId, request.Comment, now), now);
                }
                Publish(new TaskAssigned(Guid.NewGuid(), reopened.Id, declaration.Id, declaration.CycleYear, now, reopened.AssigneeId), now);
                break;
            case DeclarationTrigger.Exclude:
                declaration.ExcludedReason = (request.Reason ?? request.Comment)!.Trim();
                SetDue(declaration, null);
                break;
            case DeclarationTrigger.Include:
                declaration.ExcludedReason = null;
                var included = deadlines.ForReturned(now, cycle.ToDeadlineOptions());
                SetDue(declaration, included);
                OpenTask(declaration, TaskKind.Draft, UserRole.SectionDrafter, declaration.SectionId, included, now);
                break;
            default:
                SetDue(declaration, null);
                break;
        }
        Audit(declaration, actor, action, from, declaration.Stage, request.Comment ?? request.Reason, now);
        return null;
    }

    private async Task<ActionOutcome?> ClaimAsync(Declaration declaration, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.DeclarationId == declaration.Id && t.CompletedAt == null, ct);
        if (task is null || !task.IsFor(actor))
        {
            return Refuse(declaration, actor, ActionNames.Claim);
        }
        task.AssigneeId = actor.UserId;
        task.AssigneeName = actor.Name;
        task.ClaimedAt = now;
        if (task.Kind == TaskKind.OfficeReview)
        {
            declaration.OfficeHasActed = true;
        }
        Touch(declaration, actor, now);
        Audit(declaration, actor, ActionNames.Claim, declaration.Stage, declaration.Stage, null, now);
        return null;
    }

    /// <summary>转办: the office hands an open task to a named person (audited, and the new assignee is told).</summary>
    private async Task<ActionOutcome?> ReassignAsync(Declaration declaration, Actor actor, ActionRequest request, DateTimeOffset now, CancellationToken ct)
    {
        if (!PermittedActions(declaration, actor).Contains(ActionNames.Reassign))
        {
            return Refuse(declaration, actor, ActionNames.Reassign);
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
        Touch(declaration, actor, now);
        Audit(declaration, actor, ActionNames.Reassign, declaration.Stage, declaration.Stage, $"转办给 {assignee.DisplayName}。{request.Comment}".Trim(), now);
        Publish(new TaskAssigned(Guid.NewGuid(), task.Id, declaration.Id, declaration.CycleYear, now, task.AssigneeId), now);
        return null;
    }

    /// <summary>Fires a package-driven trigger on one declaration (used by the package workflow inside its own transaction).</summary>
    internal void FireFromPackage(Declaration declaration, Actor actor, DeclarationTrigger trigger, string action, DateTimeOffset now, Deadline? due)
    {
        var from = declaration.Stage;
        new DeclarationRoute(declaration, actor).Fire(trigger);
        declaration.StageEnteredAt = now;
        SetDue(declaration, due);
        Touch(declaration, actor, now);
        Audit(declaration, actor, action, from, declaration.Stage, null, now);
    }

    internal static ActionOutcome Refuse(Declaration declaration, Actor actor, string action)
    {
        var permitted = PermittedActions(declaration, actor);
        var anyone = new[] { UserRole.SectionDrafter, UserRole.Office, UserRole.BureauLeader, UserRole.FinanceLiaison }
            .Any(role => new DeclarationRoute(CloneStage(declaration), new Actor(Guid.Empty, "", role, declaration.SectionId))
                .PermittedTriggers.Any(t => ActionNames.Of(t) == action));
        if (anyone && permitted.Count == 0 && !actor.IsSectionMember(declaration.SectionId) && actor.Role is UserRole.SectionDrafter or UserRole.SectionHead)
        {
            return new ActionOutcome.Forbidden("这不是您所在科室的申报表。");
        }
        if (anyone && !permitted.Contains(action))
        {
            return new ActionOutcome.Forbidden($"您的角色不能在「{StageLabels.For(declaration.Stage.ToString())}」阶段执行「{action}」。");
        }
        return new ActionOutcome.NotPermitted(
            $"申报表处于「{StageLabels.For(declaration.Stage.ToString())}」阶段，不能执行「{action}」。", declaration.Stage.ToString(), permitted);
    }

    private static Declaration CloneStage(Declaration d) => new() { Stage = d.Stage, SectionId = d.SectionId, OfficeHasActed = d.OfficeHasActed };

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
        Touch(declaration, actor, now);
    }

    private static void Touch(Declaration declaration, Actor actor, DateTimeOffset now)
    {
        if (declaration.CreatedAt != default)
        {
            declaration.Version++;
        }
        declaration.UpdatedAt = now;
        declaration.UpdatedById = actor.UserId;
        declaration.UpdatedByName = actor.Name;
    }

    /// <summary>The declaration's due date with what it was counted from (a calendar edit counts it again); null: nothing due.</summary>
    private static void SetDue(Declaration declaration, Deadline? due)
    {
        declaration.DueAt = due?.DueAt;
        declaration.DueIsProvisional = due?.IsProvisional ?? false;
        declaration.DueBasis = due?.Basis;
        declaration.DueCountedFrom = due?.CountedFrom;
    }

    private void Snapshot(Declaration declaration, VersionReason reason, Actor actor, DateTimeOffset now)
    {
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
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private WorkTask OpenTask(Declaration declaration, TaskKind kind, UserRole role, string? sectionId, Deadline due, DateTimeOffset now)
    {
        var task = new WorkTask
        {
            Id = Guid.NewGuid(),
            DeclarationId = declaration.Id,
            Kind = kind,
            CandidateRole = role,
            CandidateSectionId = sectionId,
            CreatedAt = now,
            DueAt = due.DueAt,
            FollowUpAt = due.DueAt.AddDays(-3),
            DueBasis = due.Basis,
            DueCountedFrom = due.CountedFrom,
        };
        db.Tasks.Add(task);
        return task;
    }

    private async Task CloseOpenTasksAsync(Declaration declaration, Actor actor, string outcome, string? comment, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var task in await db.Tasks.Where(t => t.DeclarationId == declaration.Id && t.CompletedAt == null).ToListAsync(ct))
        {
            task.CompletedAt = now;
            task.CompletedById = actor.UserId;
            task.CompletedByName = actor.Name;
            task.Outcome = outcome;
            task.Comment = comment;
        }
    }

    private void SaveFieldComments(Declaration declaration, Actor actor, IReadOnlyDictionary<string, string>? comments, DateTimeOffset now)
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

    private void Audit(Declaration declaration, Actor actor, string action, DeclarationStage? from, DeclarationStage? to, string? comment, DateTimeOffset now) =>
        db.AuditEvents.Add(new AuditEvent
        {
            DeclarationId = declaration.Id,
            At = now,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Action = action,
            FromStage = from?.ToString(),
            ToStage = to?.ToString(),
            Comment = comment,
            Ip = actor.Ip,
            Version = declaration.Version,
        });

    private void Publish(IIntegrationEvent message, DateTimeOffset now) => Outbox.Add(db, message, now);
}
