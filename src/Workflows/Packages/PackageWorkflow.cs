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

/// <summary>Package actions for one budget cycle; each moves the package and its declarations in one transaction.</summary>
public sealed class PackageWorkflow(
    PerfWorkflowDbContext db,
    DeclarationWorkflow declarations,
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
            return actor.Role is UserRole.SectionDrafter or UserRole.SectionHead
                ? new ActionOutcome.Forbidden("科室不能操作全局申报包。")
                : new ActionOutcome.NotPermitted($"申报包处于「{label}」阶段，您不能执行「{action}」。", package.Stage.ToString(), permitted);
        }

        var now = clock.GetUtcNow();
        var cycleDeadlines = deadlines.ForCycle(cycle.ToDeadlineOptions());
        var members = await db.Declarations.Where(d => d.CycleYear == cycleYear && d.Stage != DeclarationStage.Excluded).ToListAsync(ct);
        var from = package.Stage;
        switch (trigger.Value)
        {
            case PackageTrigger.SubmitForReview:
                if (Blocking(members, DeclarationStage.Consolidated) is { } notReady)
                {
                    return notReady;
                }
                foreach (var d in members)
                {
                    declarations.FireFromPackage(d, actor, DeclarationTrigger.EnterBureauReview, SubmitForReview, now, cycleDeadlines.BureauReview);
                }
                OpenPackageTask(cycleYear, TaskKind.BureauReview, UserRole.BureauLeader, cycleDeadlines.BureauReview, now);
                Outbox.Add(db, new PackageSubmittedForReview(Guid.NewGuid(), cycleYear, actor.UserId, now), now);
                break;
            case PackageTrigger.Approve:
                if (Blocking(members, DeclarationStage.BureauReview, DeclarationStage.Approved) is { } notReviewed)
                {
                    return notReviewed;
                }
                foreach (var d in members.Where(d => d.Stage == DeclarationStage.BureauReview))
                {
                    declarations.FireFromPackage(d, actor, DeclarationTrigger.Approve, Approve, now, cycleDeadlines.SubmissionToFinance);
                }
                await ClosePackageTasksAsync(cycleYear, actor, Approve, now, ct);
                OpenPackageTask(cycleYear, TaskKind.SubmitToFinance, UserRole.Office, cycleDeadlines.SubmissionToFinance, now);
                Outbox.Add(db, new PackageApproved(Guid.NewGuid(), cycleYear, actor.UserId, now), now);
                break;
            case PackageTrigger.SubmitToFinance:
                var approved = members.Where(d => d.Stage == DeclarationStage.Approved).ToList();
                if (approved.Count == 0)
                {
                    return new ActionOutcome.BadRequest("没有已审定、待报送的申报表。");
                }
                foreach (var d in approved)
                {
                    declarations.FireFromPackage(d, actor, DeclarationTrigger.SubmitToFinance, SubmitToFinance, now, null);
                    d.ReturnedByFinance = false;
                }
                await FreezeAsync(package, members, now, ct);
                await ClosePackageTasksAsync(cycleYear, actor, SubmitToFinance, now, ct);
                OpenPackageTask(cycleYear, TaskKind.FinanceReview, UserRole.FinanceLiaison, null, now);
                Outbox.Add(db, new PackageSubmittedToFinance(Guid.NewGuid(), cycleYear, actor.UserId, now), now);
                break;
            case PackageTrigger.Accept:
                if (Blocking(members, DeclarationStage.SubmittedToFinance, DeclarationStage.Finalized) is { } outstanding)
                {
                    return outstanding;
                }
                foreach (var d in members.Where(d => d.Stage == DeclarationStage.SubmittedToFinance))
                {
                    declarations.FireFromPackage(d, actor, DeclarationTrigger.FinanceAccept, Accept, now, null);
                }
                await ClosePackageTasksAsync(cycleYear, actor, Accept, now, ct);
                Outbox.Add(db, new PackageAccepted(Guid.NewGuid(), cycleYear, actor.UserId, now), now);
                break;
            default:
                break;
        }
        route.Fire(trigger.Value);
        package.Version++;
        package.UpdatedAt = now;
        package.UpdatedByName = actor.Name;
        db.AuditEvents.Add(new AuditEvent
        {
            PackageCycleYear = cycleYear,
            At = now,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            Action = action,
            FromStage = from.ToString(),
            ToStage = package.Stage.ToString(),
            Ip = actor.Ip,
            Version = package.Version,
        });
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
            .Select(d => new PackageSnapshotItem(d.Id, d.SectionId, d.Code, d.Name, d.ProjectTypeCode, d.CurrentYearAmountYuan, d.Version, DeclarationWorkflow.Sha256(d.FormJson)))
            .ToList();
        var snapshot = new PackageSnapshot(package.CycleYear, now, totals, items);
        package.SnapshotJson = JsonSerializer.Serialize(snapshot, DeclarationJson.Options);
        package.SnapshotSha256 = DeclarationWorkflow.Sha256(package.SnapshotJson);
        package.SubmittedToFinanceAt = now;
    }

    public static PackageSnapshot? ReadSnapshot(Package package) =>
        package.SnapshotJson is null ? null : JsonSerializer.Deserialize<PackageSnapshot>(package.SnapshotJson, DeclarationJson.Options);

    private void OpenPackageTask(int cycleYear, TaskKind kind, UserRole role, Deadline? due, DateTimeOffset now)
    {
        var task = new WorkTask
        {
            Id = Guid.NewGuid(),
            PackageCycleYear = cycleYear,
            Kind = kind,
            CandidateRole = role,
            CreatedAt = now,
            DueAt = due?.DueAt,
            DueBasis = due?.Basis,
            DueCountedFrom = due?.CountedFrom,
        };
        db.Tasks.Add(task);
        Outbox.Add(db, new TaskAssigned(Guid.NewGuid(), task.Id, null, cycleYear, now, AssigneeId: null), now);
    }

    private async Task ClosePackageTasksAsync(int cycleYear, Actor actor, string outcome, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var task in await db.Tasks.Where(t => t.PackageCycleYear == cycleYear && t.CompletedAt == null).ToListAsync(ct))
        {
            task.CompletedAt = now;
            task.CompletedById = actor.UserId;
            task.CompletedByName = actor.Name;
            task.Outcome = outcome;
        }
    }

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
