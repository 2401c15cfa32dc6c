using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Tests.Route;

/// <summary>
/// The package route without a database (issue 15's safety net): every stage × trigger × kind of actor either is a row
/// of <see cref="Table"/> (docs/architecture.md §3) and moves the package there, or is refused; the package page's
/// buttons follow from the same table.
/// </summary>
public sealed class PackageRouteTests
{
    public sealed record Transition(PackageStage From, PackageTrigger Trigger, PackageStage To, Who Allowed, string Label)
    {
        public override string ToString() => $"{From} --{Trigger}--> {To}";
    }

    public static IReadOnlyList<Transition> Table { get; } =
    [
        new(PackageStage.Collecting, PackageTrigger.SubmitForReview, PackageStage.BureauReview, Who.Office, "办公室报局审核"),
        new(PackageStage.BureauReview, PackageTrigger.Approve, PackageStage.Approved, Who.Leader, "局领导审定"),
        new(PackageStage.Approved, PackageTrigger.SubmitToFinance, PackageStage.SubmittedToFinance, Who.Office, "办公室报送区财政"),
        new(PackageStage.SubmittedToFinance, PackageTrigger.FinanceReturn, PackageStage.FinanceReviewing, Who.Finance, "区财政局退回部分申报表"),
        new(PackageStage.SubmittedToFinance, PackageTrigger.Accept, PackageStage.Accepted, Who.Finance, "区财政局审核通过"),
        new(PackageStage.FinanceReviewing, PackageTrigger.FinanceReturn, PackageStage.FinanceReviewing, Who.Finance, "区财政局再退回"),
        new(PackageStage.FinanceReviewing, PackageTrigger.SubmitToFinance, PackageStage.SubmittedToFinance, Who.Office, "办公室重新报送修改后的申报表"),
        new(PackageStage.FinanceReviewing, PackageTrigger.Accept, PackageStage.Accepted, Who.Finance, "区财政局审核通过"),
    ];

    /// <summary>The package page's wire action of each trigger; a finance return is fired by returning a declaration.</summary>
    private static readonly Dictionary<PackageTrigger, string> WireActions = new()
    {
        [PackageTrigger.SubmitForReview] = PackageWorkflow.SubmitForReview,
        [PackageTrigger.Approve] = PackageWorkflow.Approve,
        [PackageTrigger.SubmitToFinance] = PackageWorkflow.SubmitToFinance,
        [PackageTrigger.Accept] = PackageWorkflow.Accept,
    };

    public static TheoryData<PackageStage, PackageTrigger, Who> EveryStageTriggerAndActor()
    {
        var data = new TheoryData<PackageStage, PackageTrigger, Who>();
        foreach (var stage in Enum.GetValues<PackageStage>())
        {
            foreach (var trigger in Enum.GetValues<PackageTrigger>())
            {
                foreach (var who in Enum.GetValues<Who>())
                {
                    data.Add(stage, trigger, who);
                }
            }
        }
        return data;
    }

    public static TheoryData<PackageStage, Who> EveryStageAndActor() => RouteActors.EveryStageAndActor<PackageStage>();

    [Theory]
    [MemberData(nameof(EveryStageTriggerAndActor))]
    public void Fire_MovesExactlyAlongTheTable_AndRefusesEverythingElse(PackageStage stage, PackageTrigger trigger, Who who)
    {
        var package = new Package { CycleYear = 2026, Stage = stage };
        var route = new PackageRoute(package, RouteActors.Of(who));
        var row = Table.SingleOrDefault(r => r.From == stage && r.Trigger == trigger);
        var expected = row is not null && row.Allowed == who;

        Assert.Equal(expected, route.CanFire(trigger));
        Assert.Equal(expected, route.PermittedTriggers.Contains(trigger));
        if (expected)
        {
            route.Fire(trigger);
            Assert.Equal(row!.To, package.Stage);
            Assert.Equal(row.To, route.Stage);
        }
        else
        {
            Assert.ThrowsAny<InvalidOperationException>(() => route.Fire(trigger));
            Assert.Equal(stage, package.Stage);
        }
    }

    [Fact]
    public void Edges_AreExactlyTheTable_WithTheGuardsWords()
    {
        var expected = Table.Select(r => (r.From, r.To, r.Trigger, r.Label)).OrderBy(e => e.ToString(), StringComparer.Ordinal);
        var actual = PackageRoute.Edges().Select(e => (e.From, e.To, e.Trigger, e.Label)).OrderBy(e => e.ToString(), StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(EveryStageAndActor))]
    public void PermittedActions_AreTheTablesWireActions_ForThatActor(PackageStage stage, Who who)
    {
        var expected = Table.Where(r => r.From == stage && r.Allowed == who && WireActions.ContainsKey(r.Trigger))
            .Select(r => WireActions[r.Trigger]).Distinct().Order(StringComparer.Ordinal);

        var actual = PackageWorkflow.PermittedActions(new Package { CycleYear = 2026, Stage = stage }, RouteActors.Of(who));

        Assert.Equal(expected, actual.Order(StringComparer.Ordinal));
        Assert.All(actual, action => Assert.Contains(action, PackageWorkflow.Actions));
    }

    [Fact]
    public void NoSection_MayEverMoveThePackage()
    {
        foreach (var stage in Enum.GetValues<PackageStage>())
        {
            foreach (var who in new[] { Who.OwnDrafter, Who.OwnHead, Who.OtherSectionDrafter, Who.OtherSectionHead, Who.Admin })
            {
                Assert.Empty(new PackageRoute(new Package { Stage = stage }, RouteActors.Of(who)).PermittedTriggers);
            }
        }
    }

    [Fact]
    public void AFinanceReturn_WhileFinanceIsReviewing_KeepsThePackageThere()
    {
        var package = new Package { CycleYear = 2026, Stage = PackageStage.FinanceReviewing };
        var route = new PackageRoute(package, RouteActors.Of(Who.Finance));

        route.Fire(PackageTrigger.FinanceReturn);

        Assert.Equal(PackageStage.FinanceReviewing, package.Stage);
        Assert.Equal([PackageTrigger.FinanceReturn, PackageTrigger.Accept], route.PermittedTriggers.Order());
    }

    [Fact]
    public void Accepted_IsTheEnd_NoOneMovesItOn()
    {
        Assert.All(Enum.GetValues<Who>(), who => Assert.Empty(new PackageRoute(new Package { Stage = PackageStage.Accepted }, RouteActors.Of(who)).PermittedTriggers));
    }

    [Fact]
    public void TheMermaidExport_NamesEveryStage()
    {
        var mermaid = PackageRoute.ToMermaid();

        Assert.All(Enum.GetNames<PackageStage>(), stage => Assert.Contains(stage, mermaid, StringComparison.Ordinal));
    }
}
