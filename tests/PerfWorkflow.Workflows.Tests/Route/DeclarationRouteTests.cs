using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Tests.Route;

/// <summary>
/// The declaration route without a database (issue 15's safety net). <see cref="Table"/> is docs/architecture.md §3 (the
/// route) written out; every stage × trigger × kind of actor either is one of its rows and moves the declaration there,
/// or is refused — and the buttons, the edit rights and the refusal wording follow from the same table.
/// </summary>
public sealed class DeclarationRouteTests
{
    /// <summary>One arrow: who may fire it, whether only before the office has acted, and its words on the route diagram.</summary>
    public sealed record Transition(DeclarationStage From, DeclarationTrigger Trigger, DeclarationStage To, Who[] Allowed, bool OnlyBeforeOfficeActs, string Label)
    {
        public bool Allows(Who who, bool officeHasActed) => Allowed.Contains(who) && !(OnlyBeforeOfficeActs && officeHasActed);

        public bool AllowsSomeone(bool officeHasActed) => Allowed.Length > 0 && !(OnlyBeforeOfficeActs && officeHasActed);

        public override string ToString() => $"{From} --{Trigger}--> {To}";
    }

    private static readonly Who[] OwnSection = [Who.OwnDrafter, Who.OwnHead];
    private static readonly Who[] Office = [Who.Office];
    private static readonly Who[] Leader = [Who.Leader];
    private static readonly Who[] Finance = [Who.Finance];

    public static IReadOnlyList<Transition> Table { get; } =
    [
        new(DeclarationStage.Draft, DeclarationTrigger.Submit, DeclarationStage.OfficeReview, OwnSection, false, "科室提交"),
        new(DeclarationStage.Draft, DeclarationTrigger.Exclude, DeclarationStage.Excluded, Office, false, "办公室不纳入汇总"),
        new(DeclarationStage.OfficeReview, DeclarationTrigger.Withdraw, DeclarationStage.Draft, OwnSection, true, "科室撤回（办公室尚未处理）"),
        new(DeclarationStage.OfficeReview, DeclarationTrigger.Accept, DeclarationStage.Consolidated, Office, false, "办公室纳入汇总"),
        new(DeclarationStage.OfficeReview, DeclarationTrigger.ReturnToSection, DeclarationStage.Draft, Office, false, "办公室退回科室"),
        new(DeclarationStage.OfficeReview, DeclarationTrigger.Exclude, DeclarationStage.Excluded, Office, false, "办公室不纳入汇总"),
        new(DeclarationStage.Consolidated, DeclarationTrigger.ReturnToSection, DeclarationStage.Draft, Office, false, "办公室退回科室"),
        new(DeclarationStage.Consolidated, DeclarationTrigger.Exclude, DeclarationStage.Excluded, Office, false, "办公室不纳入汇总"),
        new(DeclarationStage.Consolidated, DeclarationTrigger.EnterBureauReview, DeclarationStage.BureauReview, Office, false, "申报包报局审核"),
        new(DeclarationStage.BureauReview, DeclarationTrigger.Approve, DeclarationStage.Approved, Leader, false, "局领导审定"),
        new(DeclarationStage.BureauReview, DeclarationTrigger.ReturnToOffice, DeclarationStage.OfficeReview, Leader, false, "局领导退回办公室"),
        new(DeclarationStage.BureauReview, DeclarationTrigger.ReturnToSection, DeclarationStage.Draft, Leader, false, "局领导退回科室"),
        new(DeclarationStage.Approved, DeclarationTrigger.SubmitToFinance, DeclarationStage.SubmittedToFinance, Office, false, "办公室报送区财政"),
        new(DeclarationStage.SubmittedToFinance, DeclarationTrigger.FinanceReturn, DeclarationStage.Draft, Finance, false, "区财政局退回"),
        new(DeclarationStage.SubmittedToFinance, DeclarationTrigger.FinanceAccept, DeclarationStage.Finalized, Finance, false, "区财政局审核通过"),
        new(DeclarationStage.Excluded, DeclarationTrigger.Include, DeclarationStage.Draft, Office, false, "办公室恢复为起草"),
    ];

    public static TheoryData<DeclarationStage, DeclarationTrigger, Who, bool> EveryStageTriggerAndActor()
    {
        var data = new TheoryData<DeclarationStage, DeclarationTrigger, Who, bool>();
        foreach (var stage in Enum.GetValues<DeclarationStage>())
        {
            foreach (var trigger in Enum.GetValues<DeclarationTrigger>())
            {
                foreach (var who in Enum.GetValues<Who>())
                {
                    data.Add(stage, trigger, who, false);
                    data.Add(stage, trigger, who, true);
                }
            }
        }
        return data;
    }

    public static TheoryData<DeclarationStage, Who, bool> EveryStageAndActor()
    {
        var data = new TheoryData<DeclarationStage, Who, bool>();
        foreach (var stage in Enum.GetValues<DeclarationStage>())
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(stage, who, false);
                data.Add(stage, who, true);
            }
        }
        return data;
    }

    public static TheoryData<DeclarationStage, string, Who, bool> EveryRefusal()
    {
        var data = new TheoryData<DeclarationStage, string, Who, bool>();
        foreach (var stage in Enum.GetValues<DeclarationStage>())
        {
            foreach (var action in ActionNames.All)
            {
                foreach (var who in Enum.GetValues<Who>())
                {
                    foreach (var officeHasActed in new[] { false, true })
                    {
                        if (!ExpectedActions(stage, who, officeHasActed).Contains(action))
                        {
                            data.Add(stage, action, who, officeHasActed);
                        }
                    }
                }
            }
        }
        return data;
    }

    public static TheoryData<int> EveryTransition() => new(Enumerable.Range(0, Table.Count));

    [Theory]
    [MemberData(nameof(EveryStageTriggerAndActor))]
    public void Fire_MovesExactlyAlongTheTable_AndRefusesEverythingElse(DeclarationStage stage, DeclarationTrigger trigger, Who who, bool officeHasActed)
    {
        var declaration = At(stage, officeHasActed);
        var route = new DeclarationRoute(declaration, RouteActors.Of(who));
        var row = Table.SingleOrDefault(r => r.From == stage && r.Trigger == trigger);
        var expected = row is not null && row.Allows(who, officeHasActed);

        Assert.Equal(expected, route.CanFire(trigger));
        Assert.Equal(expected, route.PermittedTriggers.Contains(trigger));
        if (expected)
        {
            route.Fire(trigger);
            Assert.Equal(row!.To, declaration.Stage);
            Assert.Equal(row.To, route.Stage);
        }
        else
        {
            Assert.ThrowsAny<InvalidOperationException>(() => route.Fire(trigger));
            Assert.Equal(stage, declaration.Stage);
        }
    }

    [Fact]
    public void Edges_AreExactlyTheTable_WithTheGuardsWords()
    {
        var expected = Table.Select(r => (r.From, r.To, r.Trigger, r.Label)).OrderBy(e => e.ToString(), StringComparer.Ordinal);
        var actual = DeclarationRoute.Edges().Select(e => (e.From, e.To, e.Trigger, e.Label)).OrderBy(e => e.ToString(), StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(EveryTransition))]
    public void EveryTransition_IsReachedByItsWireAction_OrIsPackageDriven(int index)
    {
        var row = Table[index];
        var action = ActionNames.Of(row.Trigger);

        if (row.Trigger is DeclarationTrigger.EnterBureauReview or DeclarationTrigger.SubmitToFinance)
        {
            // Offered on the package page, never as a button on the declaration.
            Assert.Equal("", action);
            return;
        }
        Assert.Contains(action, ActionNames.All);
        var to = row.Trigger == DeclarationTrigger.ReturnToOffice ? "office" : null;
        Assert.Equal(row.Trigger, ActionNames.ToTrigger(action, row.From, to));
    }

    [Theory]
    [InlineData(DeclarationStage.BureauReview, null, DeclarationTrigger.ReturnToSection)]
    [InlineData(DeclarationStage.BureauReview, "section", DeclarationTrigger.ReturnToSection)]
    [InlineData(DeclarationStage.BureauReview, "Office", DeclarationTrigger.ReturnToOffice)]
    [InlineData(DeclarationStage.OfficeReview, "office", DeclarationTrigger.ReturnToSection)]
    [InlineData(DeclarationStage.SubmittedToFinance, "office", DeclarationTrigger.FinanceReturn)]
    public void Return_MeansWhatTheStageAndTargetSay(DeclarationStage stage, string? to, DeclarationTrigger expected)
    {
        Assert.Equal(expected, ActionNames.ToTrigger(ActionNames.Return, stage, to));
    }

    [Theory]
    [MemberData(nameof(EveryStageAndActor))]
    public void PermittedActions_AreTheTablesWireActions_PlusReassignForTheOfficeWhileATaskIsOpen(DeclarationStage stage, Who who, bool officeHasActed)
    {
        var actual = DeclarationAccess.PermittedActions(At(stage, officeHasActed), RouteActors.Of(who));

        Assert.Equal(ExpectedActions(stage, who, officeHasActed).Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
        Assert.Equal(actual.Count, actual.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EveryStageAndActor))]
    public void EditAndImport_AreForTheOwnSectionInDraft_AndTheOfficeDuringItsReview(DeclarationStage stage, Who who, bool officeHasActed)
    {
        var declaration = At(stage, officeHasActed);
        var actor = RouteActors.Of(who);

        Assert.Equal(
            (stage == DeclarationStage.Draft && RouteActors.IsOwnSection(who)) || (stage == DeclarationStage.OfficeReview && who == Who.Office),
            DeclarationAccess.CanEdit(declaration, actor));
        Assert.Equal(
            stage == DeclarationStage.Draft && (RouteActors.IsOwnSection(who) || who == Who.Office),
            DeclarationAccess.CanImportInto(declaration, actor));
    }

    [Theory]
    [MemberData(nameof(EveryRefusal))]
    public void Refusal_Is403WhenSomeoneElseMay_AndOtherwise409WithThePermittedActions(DeclarationStage stage, string action, Who who, bool officeHasActed)
    {
        var permitted = ExpectedActions(stage, who, officeHasActed);
        var someoneMay = Table.Any(r => r.From == stage && ActionNames.Of(r.Trigger) == action && r.AllowsSomeone(officeHasActed));
        var label = StageLabels.For(stage.ToString());

        var outcome = DeclarationAccess.Refuse(At(stage, officeHasActed), RouteActors.Of(who), action);

        if (someoneMay)
        {
            var forbidden = Assert.IsType<ActionOutcome.Forbidden>(outcome);
            Assert.Equal(
                RouteActors.IsOtherSection(who) && permitted.Count == 0 ? "这不是您所在科室的申报表。" : $"您的角色不能在「{label}」阶段执行「{action}」。",
                forbidden.Message);
        }
        else
        {
            var notPermitted = Assert.IsType<ActionOutcome.NotPermitted>(outcome);
            Assert.Equal($"申报表处于「{label}」阶段，不能执行「{action}」。", notPermitted.Message);
            Assert.Equal(stage.ToString(), notPermitted.Stage);
            Assert.Equal(permitted.Order(StringComparer.Ordinal), notPermitted.PermittedActions.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void AnotherSectionsDrafter_SubmittingADraft_IsToldItIsNotTheirs()
    {
        var outcome = DeclarationAccess.Refuse(At(DeclarationStage.Draft), RouteActors.Of(Who.OtherSectionDrafter), ActionNames.Submit);

        Assert.Equal("这不是您所在科室的申报表。", Assert.IsType<ActionOutcome.Forbidden>(outcome).Message);
    }

    [Fact]
    public void ALeader_InDraft_MayNotSubmit_AndNoOneMayApproveADraft()
    {
        var leader = RouteActors.Of(Who.Leader);

        Assert.Equal("您的角色不能在「科室起草」阶段执行「submit」。",
            Assert.IsType<ActionOutcome.Forbidden>(DeclarationAccess.Refuse(At(DeclarationStage.Draft), leader, ActionNames.Submit)).Message);
        var approve = Assert.IsType<ActionOutcome.NotPermitted>(DeclarationAccess.Refuse(At(DeclarationStage.Draft), leader, ActionNames.Approve));
        Assert.Equal("申报表处于「科室起草」阶段，不能执行「approve」。", approve.Message);
        Assert.Empty(approve.PermittedActions);
    }

    [Fact]
    public void Finance_OnADeclarationNotSentToIt_MayNeitherAcceptNorReturn()
    {
        var finance = RouteActors.Of(Who.Finance);

        foreach (var stage in Enum.GetValues<DeclarationStage>().Where(s => s != DeclarationStage.SubmittedToFinance))
        {
            Assert.Empty(new DeclarationRoute(At(stage), finance).PermittedTriggers);
            Assert.Empty(DeclarationAccess.PermittedActions(At(stage), finance));
        }
        Assert.Equal("您的角色不能在「办公室审核」阶段执行「accept」。",
            Assert.IsType<ActionOutcome.Forbidden>(DeclarationAccess.Refuse(At(DeclarationStage.OfficeReview), finance, ActionNames.Accept)).Message);
        Assert.Equal([ActionNames.Accept, ActionNames.Return],
            DeclarationAccess.PermittedActions(At(DeclarationStage.SubmittedToFinance), finance).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Withdraw_IsGoneOnceTheOfficeHasActed()
    {
        var drafter = RouteActors.Of(Who.OwnDrafter);

        Assert.Contains(ActionNames.Withdraw, DeclarationAccess.PermittedActions(At(DeclarationStage.OfficeReview, officeHasActed: false), drafter));
        var refused = Assert.IsType<ActionOutcome.NotPermitted>(
            DeclarationAccess.Refuse(At(DeclarationStage.OfficeReview, officeHasActed: true), drafter, ActionNames.Withdraw));
        Assert.Equal("申报表处于「办公室审核」阶段，不能执行「withdraw」。", refused.Message);
        Assert.Empty(refused.PermittedActions);
    }

    [Fact]
    public void Finalized_IsTheEnd_NoOneMovesItOn()
    {
        Assert.All(Enum.GetValues<Who>(), who => Assert.Empty(new DeclarationRoute(At(DeclarationStage.Finalized), RouteActors.Of(who)).PermittedTriggers));
    }

    [Fact]
    public void TheMermaidExport_NamesEveryStage()
    {
        var mermaid = DeclarationRoute.ToMermaid();

        Assert.All(Enum.GetNames<DeclarationStage>(), stage => Assert.Contains(stage, mermaid, StringComparison.Ordinal));
    }

    private static Declaration At(DeclarationStage stage, bool officeHasActed = false) =>
        new() { SectionId = RouteActors.OwnSection, Stage = stage, OfficeHasActed = officeHasActed };

    /// <summary>The wire actions the table gives this actor, plus 转办 for the office (and admin) while a 科室 or office task is open.</summary>
    private static IReadOnlyList<string> ExpectedActions(DeclarationStage stage, Who who, bool officeHasActed)
    {
        var actions = Table.Where(r => r.From == stage && r.Allows(who, officeHasActed))
            .Select(r => ActionNames.Of(r.Trigger)).Where(a => a.Length > 0).Distinct().ToList();
        if (who is Who.Office or Who.Admin && stage is DeclarationStage.Draft or DeclarationStage.OfficeReview)
        {
            actions.Add(ActionNames.Reassign);
        }
        return actions;
    }
}
