using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Packages;

/// <summary>
/// Package actions for one budget cycle; each moves the package and its member declarations, and records tasks, audit
/// and outbox rows through <see cref="RouteRecorder"/>, in one transaction (docs/adr/002-route-versioning-and-transactions.md).
/// </summary>
public sealed class PackageWorkflow(
    PerfWorkflowDbContext db,
    RouteRecorder recorder,
    DeadlinePolicy deadlines,
    TimeProvider clock)
{
    public const string SubmitForReview = "submit";
    public const string Approve = "approve";
    public const string SubmitToFinance = "submit-to-finance";
    public const string Accept = "accept";

    public static IReadOnlyList<string> Actions { get; } = [SubmitForReview, Approve, SubmitToFinance, Accept];

    public async Task<Package?> FindAsync(int cycleYear, CancellationToken ct)
    {
        if (!await db.BudgetCycles.AnyAsync(c => c.Year == cycleYear, ct))
        {
            return null;
        }
        return await db.Packages.FindAsync([cycleYear], ct) ?? new Package { CycleYear = cycleYear, Stage = PackageStage.Collecting };
    }

    public static IReadOnlyList<string> PermittedActions(Package package, Actor actor) =>
        new PackageRoute(package, actor).PermittedTriggers.Select(ActionOf).Where(a => a.Length > 0).Distinct().ToList();

    /// <summary>Totals by 项目类型, by 科室 and for the bureau, computed from every declaration not excluded.</summary>
    public async Task<PackageTotals> ComputeTotalsAsync(int cycleYear, CancellationToken ct)
    {
        var rows = await db.Declarations.AsNoTracking()
            .Where(d => d.CycleYear == cycleYear && d.Stage != DeclarationStage.Excluded)
            .Select(d => new { d.ProjectTypeCode, d.ProjectTypeName, d.SectionId, d.CurrentYearAmountYuan })
            .ToListAsync(ct);
        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return new PackageTotals(
            rows.Sum(r => r.CurrentYearAmountYuan),
            rows.Count,
            rows.GroupBy(r => r.ProjectTypeCode).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new PackageTotalLine(g.Key, $"{g.Key} {g.First().ProjectTypeName}".Trim(), g.Count(), g.Sum(r => r.CurrentYearAmountYuan))).ToList(),
            rows.GroupBy(r => r.SectionId).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new PackageTotalLine(g.Key, sections.GetValueOrDefault(g.Key, g.Key), g.Count(), g.Sum(r => r.CurrentYearAmountYuan))).ToList());
    }

    /// <summary>
    /// The totals <paramref name="actor"/> may read: the bureau's computed totals, or for 区财政局 those of the snapshot
    /// frozen at submission (none before), never the bureau's drafts (docs/security.md, 4.2.1). The package page and its
    /// print share it.
    /// </summary>
    public async Task<PackageTotals> TotalsVisibleToAsync(Actor actor, Package package, CancellationToken ct) =>
        actor.Role == UserRole.FinanceLiaison
            ? ReadSnapshot(package)?.Totals ?? new PackageTotals(0, 0, [], [])
            : await ComputeTotalsAsync(package.CycleYear, ct);

    public async Task<ActionOutcome> ActAsync(Actor actor, int cycleYear, string action, int? expectedVersion, CancellationToken ct)
    {
        var cycle = await db.BudgetCycles.FindAsync([cycleYear], ct);
        if (cycle is null)
        {
            return new ActionOutcome.NotFound();
        }
        var package = await db.Packages.FindAsync([cycleYear], ct);
        if (package is null)
        {
            package = new Package { CycleYear = cycleYear, Stage = PackageStage.Collecting };
            db.Packages.Add(package);
        }
        if (expectedVersion is { } expected && expected != package.Version)
        {
            return new ActionOutcome.Stale(package.Version, package.UpdatedByName, package.UpdatedAt);
        }
        var trigger = TriggerOf(action);
        var route = new PackageRoute(package, actor);
        if (trigger is null || !route.CanFire(trigger.Value))
        {
            var permitted = PermittedActions(package, actor);
            var label = StageLabel(package.Stage);
            return !actor.Role.MaySeePackage()
                ? new ActionOutcome.Forbidden("科室不能操作全局申报包。")
                : new ActionOutcome.NotPermitted($"申报包处于「{label}」阶段，您不能执行「{action}」。", package.Stage.ToString(), permitted);
        }

        var now = clock.GetUtcNow();
        var members = await db.Declarations.Where(d => d.CycleYear == cycleYear && d.Stage != DeclarationStage.Excluded).ToListAsync(ct);
        var moving = new Moving(package, actor, members, now, deadlines.ForCycle(cycle.ToDeadlineOptions()));
        var blocked = trigger.Value switch
        {
            PackageTrigger.SubmitForReview => SubmittedForReview(moving),
            PackageTrigger.Approve => await ApprovedAsync(moving, ct),
            PackageTrigger.SubmitToFinance => await SubmittedToFinanceAsync(moving, ct),
            PackageTrigger.Accept => await AcceptedAsync(moving, ct),
            _ => null,
        };
        if (blocked is not null)
        {
            return blocked;
        }
        var from = package.Stage;
        route.Fire(trigger.Value);
        RouteRecorder.Touch(package, actor, now);
        recorder.Audit(package, actor, action, from, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ActionOutcome.Stale(package.Version, "另一位用户", now);
        }
        return new ActionOutcome.Done(null);
    }

    /// <summary>One package action in progress: the package, who moves it, its members (not excluded), and the cycle's due dates.</summary>
    private sealed record Moving(Package Package, Actor Actor, IReadOnlyList<Declaration> Members, DateTimeOffset Now, CycleDeadlines Deadlines)
    {
        public int CycleYear => Package.CycleYear;
    }

    // The package route's effects, one method per trigger: which members move with it, the tasks and the event.
    // Each answers the 409 that blocks it, or null.

    private ActionOutcome? SubmittedForReview(Moving moving)
    {
        if (Blocking(moving.Members, DeclarationStage.Consolidated) is { } notReady)
        {
            return notReady;
        }
        MoveMembers(moving, DeclarationStage.Consolidated, DeclarationTrigger.EnterBureauReview, SubmitForReview, moving.Deadlines.BureauReview);
        recorder.OpenPackageTask(moving.CycleYear, TaskKind.BureauReview, UserRole.BureauLeader, moving.Deadlines.BureauReview, moving.Now);
        recorder.Publish(new PackageSubmittedForReview(Guid.NewGuid(), moving.CycleYear, moving.Actor.UserId, moving.Now), moving.Now);
        return null;
    }

    private async Task<ActionOutcome?> ApprovedAsync(Moving moving, CancellationToken ct)
    {
        if (Blocking(moving.Members, DeclarationStage.BureauReview, DeclarationStage.Approved) is { } notReviewed)
        {
            return notReviewed;
        }
        MoveMembers(moving, DeclarationStage.BureauReview, DeclarationTrigger.Approve, Approve, moving.Deadlines.SubmissionToFinance);
        await recorder.ClosePackageTasksAsync(moving.CycleYear, moving.Actor, Approve, moving.Now, ct);
        recorder.OpenPackageTask(moving.CycleYear, TaskKind.SubmitToFinance, UserRole.Office, moving.Deadlines.SubmissionToFinance, moving.Now);
        recorder.Publish(new PackageApproved(Guid.NewGuid(), moving.CycleYear, moving.Actor.UserId, moving.Now), moving.Now);
        return null;
    }

    /// <summary>报送区财政 (first time, or again after returns): the approved members go, and what finance sees is frozen.</summary>
    private async Task<ActionOutcome?> SubmittedToFinanceAsync(Moving moving, CancellationToken ct)
    {
        var approved = MoveMembers(moving, DeclarationStage.Approved, DeclarationTrigger.SubmitToFinance, SubmitToFinance, null);
        if (approved.Count == 0)
        {
            return new ActionOutcome.BadRequest("没有已审定、待报送的申报表。");
        }
        foreach (var d in approved)
        {
            d.ReturnedByFinance = false;
        }
        await FreezeAsync(moving.Package, moving.Members, moving.Now, ct);
        await recorder.ClosePackageTasksAsync(moving.CycleYear, moving.Actor, SubmitToFinance, moving.Now, ct);
        recorder.OpenPackageTask(moving.CycleYear, TaskKind.FinanceReview, UserRole.FinanceLiaison, null, moving.Now);
        recorder.Publish(new PackageSubmittedToFinance(Guid.NewGuid(), moving.CycleYear, moving.Actor.UserId, moving.Now), moving.Now);
        return null;
    }

    private async Task<ActionOutcome?> AcceptedAsync(Moving moving, CancellationToken ct)
    {
        if (Blocking(moving.Members, DeclarationStage.SubmittedToFinance, DeclarationStage.Finalized) is { } outstanding)
        {
            return outstanding;
        }
        MoveMembers(moving, DeclarationStage.SubmittedToFinance, DeclarationTrigger.FinanceAccept, Accept, null);
        await recorder.ClosePackageTasksAsync(moving.CycleYear, moving.Actor, Accept, moving.Now, ct);
        recorder.Publish(new PackageAccepted(Guid.NewGuid(), moving.CycleYear, moving.Actor.UserId, moving.Now), moving.Now);
        return null;
    }

    /// <summary>
    /// Fires a package-driven trigger on every member in <paramref name="stage"/> (docs/adr/002-route-versioning-and-transactions.md):
    /// each moves, gets its new due date, a new version and an audit entry under the package action's name.
    /// </summary>
    private List<Declaration> MoveMembers(Moving moving, DeclarationStage stage, DeclarationTrigger trigger, string action, Deadline? due)
    {
        var moved = moving.Members.Where(d => d.Stage == stage).ToList();
        foreach (var declaration in moved)
        {
            new DeclarationRoute(declaration, moving.Actor).Fire(trigger);
            declaration.StageEnteredAt = moving.Now;
            RouteRecorder.SetDue(declaration, due);
            RouteRecorder.Touch(declaration, moving.Actor, moving.Now);
            recorder.Audit(declaration, moving.Actor, action, stage, declaration.Stage, null, moving.Now);
        }
        return moved;
    }

    /// <summary>A 409 naming the declarations that keep the package from moving on.</summary>
    private static ActionOutcome.NotPermitted? Blocking(IReadOnlyList<Declaration> members, params DeclarationStage[] allowed)
    {
        var blocking = members.Where(d => !allowed.Contains(d.Stage)).ToList();
        if (members.Count == 0)
        {
            return new ActionOutcome.NotPermitted("本年度还没有任何申报表。", "Collecting", []);
        }
        if (blocking.Count == 0)
        {
            return null;
        }
        var list = string.Join("；", blocking.Take(10).Select(d => $"{d.Name}（{StageLabels.For(d.Stage.ToString())}）"));
        return new ActionOutcome.NotPermitted(
            $"还有 {blocking.Count} 张申报表未完成上一环节：{list}{(blocking.Count > 10 ? "……" : "")}。请先处理或不纳入汇总（须填写原因）。",
            blocking[0].Stage.ToString(), []);
    }

    private async Task FreezeAsync(Package package, IReadOnlyList<Declaration> members, DateTimeOffset now, CancellationToken ct)
    {
        var totals = await ComputeTotalsAsync(package.CycleYear, ct);
        var items = members.Where(d => d.Stage is DeclarationStage.SubmittedToFinance or DeclarationStage.Finalized)
            .OrderBy(d => d.SectionId, StringComparer.Ordinal).ThenBy(d => d.Code, StringComparer.Ordinal)
            .Select(d => new PackageSnapshotItem(d.Id, d.SectionId, d.Code, d.Name, d.ProjectTypeCode, d.CurrentYearAmountYuan, d.Version, RouteRecorder.Sha256(d.FormJson)))
            .ToList();
        var snapshot = new PackageSnapshot(package.CycleYear, now, totals, items);
        package.SnapshotJson = JsonSerializer.Serialize(snapshot, DeclarationJson.Options);
        package.SnapshotSha256 = RouteRecorder.Sha256(package.SnapshotJson);
        package.SubmittedToFinanceAt = now;
    }

    public static PackageSnapshot? ReadSnapshot(Package package) =>
        package.SnapshotJson is null ? null : JsonSerializer.Deserialize<PackageSnapshot>(package.SnapshotJson, DeclarationJson.Options);

    /// <summary>The zh-CN label of a package stage (pages, help and refusals share it).</summary>
    public static string StageLabel(PackageStage stage) => stage switch
    {
        PackageStage.Collecting => "汇总中",
        PackageStage.BureauReview => "局审核",
        PackageStage.Approved => "局已审定",
        PackageStage.SubmittedToFinance => "已报送区财政",
        PackageStage.FinanceReviewing => "区财政审核中（有退回）",
        PackageStage.Accepted => "区财政审核通过",
        _ => stage.ToString(),
    };

    private static PackageTrigger? TriggerOf(string action) => action switch
    {
        SubmitForReview => PackageTrigger.SubmitForReview,
        Approve => PackageTrigger.Approve,
        SubmitToFinance => PackageTrigger.SubmitToFinance,
        Accept => PackageTrigger.Accept,
        _ => null,
    };

    private static string ActionOf(PackageTrigger trigger) => trigger switch
    {
        PackageTrigger.SubmitForReview => SubmitForReview,
        PackageTrigger.Approve => Approve,
        PackageTrigger.SubmitToFinance => SubmitToFinance,
        PackageTrigger.Accept => Accept,
        _ => "",
    };
}
