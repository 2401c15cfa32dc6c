using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Tests.Route;

/// <summary>
/// Both route machines without a database (issue 15's safety net): every stage × trigger × kind of actor is either one
/// of the transitions written below — docs/architecture.md (the route) in table form — and moves the document there, or is refused.
/// </summary>
public sealed class RouteMachineTests
{
    private const string OwnSection = "gy";

    /// <summary>The kinds of actor a guard tells apart.</summary>
    public enum Who
    {
        OwnDrafter,
        OwnHead,
        OtherSectionDrafter,
        Office,
        Leader,
        Finance,
        Admin,
    }

    // (from, trigger, to, who may, needs the office not to have acted yet)
    private static readonly (DeclarationStage From, DeclarationTrigger Trigger, DeclarationStage To, Who[] Allowed, bool OnlyBeforeOfficeActs)[] DeclarationTable =
    [
        (DeclarationStage.Draft, DeclarationTrigger.Submit, DeclarationStage.OfficeReview, [Who.OwnDrafter, Who.OwnHead], false),
        (DeclarationStage.Draft, DeclarationTrigger.Exclude, DeclarationStage.Excluded, [Who.Office], false),
        (DeclarationStage.OfficeReview, DeclarationTrigger.Withdraw, DeclarationStage.Draft, [Who.OwnDrafter, Who.OwnHead], true),
        (DeclarationStage.OfficeReview, DeclarationTrigger.Accept, DeclarationStage.Consolidated, [Who.Office], false),
        (DeclarationStage.OfficeReview, DeclarationTrigger.ReturnToSection, DeclarationStage.Draft, [Who.Office], false),
        (DeclarationStage.OfficeReview, DeclarationTrigger.Exclude, DeclarationStage.Excluded, [Who.Office], false),
        (DeclarationStage.Consolidated, DeclarationTrigger.ReturnToSection, DeclarationStage.Draft, [Who.Office], false),
        (DeclarationStage.Consolidated, DeclarationTrigger.Exclude, DeclarationStage.Excluded, [Who.Office], false),
        (DeclarationStage.Consolidated, DeclarationTrigger.EnterBureauReview, DeclarationStage.BureauReview, [Who.Office], false),
        (DeclarationStage.BureauReview, DeclarationTrigger.Approve, DeclarationStage.Approved, [Who.Leader], false),
        (DeclarationStage.BureauReview, DeclarationTrigger.ReturnToOffice, DeclarationStage.OfficeReview, [Who.Leader], false),
        (DeclarationStage.BureauReview, DeclarationTrigger.ReturnToSection, DeclarationStage.Draft, [Who.Leader], false),
        (DeclarationStage.Approved, DeclarationTrigger.SubmitToFinance, DeclarationStage.SubmittedToFinance, [Who.Office], false),
        (DeclarationStage.SubmittedToFinance, DeclarationTrigger.FinanceReturn, DeclarationStage.Draft, [Who.Finance], false),
        (DeclarationStage.SubmittedToFinance, DeclarationTrigger.FinanceAccept, DeclarationStage.Finalized, [Who.Finance], false),
        (DeclarationStage.Excluded, DeclarationTrigger.Include, DeclarationStage.Draft, [Who.Office], false),
    ];

    private static readonly (PackageStage From, PackageTrigger Trigger, PackageStage To, Who Allowed)[] PackageTable =
    [
        (PackageStage.Collecting, PackageTrigger.SubmitForReview, PackageStage.BureauReview, Who.Office),
        (PackageStage.BureauReview, PackageTrigger.Approve, PackageStage.Approved, Who.Leader),
        (PackageStage.Approved, PackageTrigger.SubmitToFinance, PackageStage.SubmittedToFinance, Who.Office),
        (PackageStage.SubmittedToFinance, PackageTrigger.FinanceReturn, PackageStage.FinanceReviewing, Who.Finance),
        (PackageStage.SubmittedToFinance, PackageTrigger.Accept, PackageStage.Accepted, Who.Finance),
        (PackageStage.FinanceReviewing, PackageTrigger.FinanceReturn, PackageStage.FinanceReviewing, Who.Finance),
        (PackageStage.FinanceReviewing, PackageTrigger.SubmitToFinance, PackageStage.SubmittedToFinance, Who.Office),
        (PackageStage.FinanceReviewing, PackageTrigger.Accept, PackageStage.Accepted, Who.Finance),
    ];

    public static TheoryData<DeclarationStage, DeclarationTrigger, Who, bool> EveryDeclarationCase()
    {
        var data = new TheoryData<DeclarationStage, DeclarationTrigger, Who, bool>();
        foreach (var stage in Enum.GetValues<DeclarationStage>())
        {
            foreach (var trigger in Enum.GetValues<DeclarationTrigger>())
            {
                foreach (var who in Enum.GetValues<Who>())
                {
                    foreach (var officeHasActed in new[] { false, true })
                    {
                        data.Add(stage, trigger, who, officeHasActed);
                    }
                }
            }
        }
        return data;
    }

    public static TheoryData<PackageStage, PackageTrigger, Who> EveryPackageCase()
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

    [Theory]
    [MemberData(nameof(EveryDeclarationCase))]
    public void DeclarationRoute_FiresExactlyTheTransitionsOfTheTable(DeclarationStage stage, DeclarationTrigger trigger, Who who, bool officeHasActed)
    {
        var declaration = new Declaration { SectionId = OwnSection, Stage = stage, OfficeHasActed = officeHasActed };
        var route = new DeclarationRoute(declaration, ActorOf(who));
        var row = DeclarationTable.Where(r => r.From == stage && r.Trigger == trigger).Select(r => (Row?)new Row(r.To, r.Allowed, r.OnlyBeforeOfficeActs)).SingleOrDefault();
        var expected = row is { } r2 && r2.Allowed.Contains(who) && !(r2.OnlyBeforeOfficeActs && officeHasActed);

        Assert.Equal(expected, route.CanFire(trigger));
        Assert.Equal(expected, route.PermittedTriggers.Contains(trigger));
        if (expected)
        {
            route.Fire(trigger);
            Assert.Equal(row!.Value.To, declaration.Stage);
        }
        else
        {
            Assert.ThrowsAny<InvalidOperationException>(() => route.Fire(trigger));
            Assert.Equal(stage, declaration.Stage);
        }
    }

    [Theory]
    [MemberData(nameof(EveryPackageCase))]
    public void PackageRoute_FiresExactlyTheTransitionsOfTheTable(PackageStage stage, PackageTrigger trigger, Who who)
    {
        var package = new Package { CycleYear = 2026, Stage = stage };
        var route = new PackageRoute(package, ActorOf(who));
        var row = PackageTable.Where(r => r.From == stage && r.Trigger == trigger).Select(r => ((PackageStage To, Who Allowed)?)(r.To, r.Allowed)).SingleOrDefault();
        var expected = row is { } r2 && r2.Allowed == who;

        Assert.Equal(expected, route.CanFire(trigger));
        Assert.Equal(expected, route.PermittedTriggers.Contains(trigger));
        if (expected)
        {
            route.Fire(trigger);
            Assert.Equal(row!.Value.To, package.Stage);
        }
        else
        {
            Assert.ThrowsAny<InvalidOperationException>(() => route.Fire(trigger));
            Assert.Equal(stage, package.Stage);
        }
    }

    [Fact]
    public void Finalized_AndAccepted_AreTheEnds_NoOneMovesThemOn()
    {
        foreach (var who in Enum.GetValues<Who>())
        {
            Assert.Empty(new DeclarationRoute(new Declaration { SectionId = OwnSection, Stage = DeclarationStage.Finalized }, ActorOf(who)).PermittedTriggers);
            Assert.Empty(new PackageRoute(new Package { Stage = PackageStage.Accepted }, ActorOf(who)).PermittedTriggers);
        }
    }

    [Fact]
    public void TheMermaidExports_NameEveryStageOfBothRoutes()
    {
        var declaration = DeclarationRoute.ToMermaid();
        var package = PackageRoute.ToMermaid();

        Assert.All(Enum.GetNames<DeclarationStage>(), stage => Assert.Contains(stage, declaration, StringComparison.Ordinal));
        Assert.All(Enum.GetNames<PackageStage>(), stage => Assert.Contains(stage, package, StringComparison.Ordinal));
    }

    private static Actor ActorOf(Who who) => who switch
    {
        Who.OwnDrafter => new Actor(Guid.NewGuid(), "经办人", UserRole.SectionDrafter, OwnSection),
        Who.OwnHead => new Actor(Guid.NewGuid(), "负责人", UserRole.SectionHead, OwnSection),
        Who.OtherSectionDrafter => new Actor(Guid.NewGuid(), "他科经办人", UserRole.SectionDrafter, "xf"),
        Who.Office => new Actor(Guid.NewGuid(), "办公室", UserRole.Office, null),
        Who.Leader => new Actor(Guid.NewGuid(), "局领导", UserRole.BureauLeader, null),
        Who.Finance => new Actor(Guid.NewGuid(), "财政", UserRole.FinanceLiaison, null),
        _ => new Actor(Guid.NewGuid(), "管理员", UserRole.Admin, null),
    };

    private readonly record struct Row(DeclarationStage To, Who[] Allowed, bool OnlyBeforeOfficeActs);
}
