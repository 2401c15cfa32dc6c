using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using Stateless;
using Stateless.Graph;

namespace PerfWorkflow.Workflows.Route;

/// <summary>
/// The declaration's route (docs/architecture.md §3, docs/domain.md §5), one table read top to bottom. Built per request around the
/// loaded declaration and the acting user: guards answer "may this person do this now?", so the same machine gives both
/// the permitted actions (buttons, <c>permittedActions</c>) and the check before firing.
/// </summary>
public sealed class DeclarationRoute
{
    /// <summary>Stored on each declaration; a later route version maps old stage names explicitly.</summary>
    public const int Version = 1;

    private readonly StateMachine<DeclarationStage, DeclarationTrigger> _machine;

    public DeclarationRoute(Declaration declaration, Actor actor)
    {
        _machine = new StateMachine<DeclarationStage, DeclarationTrigger>(() => declaration.Stage, s => declaration.Stage = s);

        bool Section() => actor.IsSectionMember(declaration.SectionId);
        bool Office() => actor.Role == UserRole.Office;
        bool Leader() => actor.Role == UserRole.BureauLeader;
        bool Finance() => actor.Role == UserRole.FinanceLiaison;
        bool OfficeHasNotActed() => Section() && !declaration.OfficeHasActed;

        _machine.Configure(DeclarationStage.Draft)
            .PermitIf(DeclarationTrigger.Submit, DeclarationStage.OfficeReview, Section, "科室提交")
            .PermitIf(DeclarationTrigger.Exclude, DeclarationStage.Excluded, Office, "办公室不纳入汇总");

        _machine.Configure(DeclarationStage.OfficeReview)
            .PermitIf(DeclarationTrigger.Withdraw, DeclarationStage.Draft, OfficeHasNotActed, "科室撤回（办公室尚未处理）")
            .PermitIf(DeclarationTrigger.Accept, DeclarationStage.Consolidated, Office, "办公室纳入汇总")
            .PermitIf(DeclarationTrigger.ReturnToSection, DeclarationStage.Draft, Office, "办公室退回科室")
            .PermitIf(DeclarationTrigger.Exclude, DeclarationStage.Excluded, Office, "办公室不纳入汇总");

        _machine.Configure(DeclarationStage.Consolidated)
            .PermitIf(DeclarationTrigger.ReturnToSection, DeclarationStage.Draft, Office, "办公室退回科室")
            .PermitIf(DeclarationTrigger.Exclude, DeclarationStage.Excluded, Office, "办公室不纳入汇总")
            .PermitIf(DeclarationTrigger.EnterBureauReview, DeclarationStage.BureauReview, Office, "申报包报局审核");

        _machine.Configure(DeclarationStage.BureauReview)
            .PermitIf(DeclarationTrigger.Approve, DeclarationStage.Approved, Leader, "局领导审定")
            .PermitIf(DeclarationTrigger.ReturnToOffice, DeclarationStage.OfficeReview, Leader, "局领导退回办公室")
            .PermitIf(DeclarationTrigger.ReturnToSection, DeclarationStage.Draft, Leader, "局领导退回科室");

        _machine.Configure(DeclarationStage.Approved)
            .PermitIf(DeclarationTrigger.SubmitToFinance, DeclarationStage.SubmittedToFinance, Office, "办公室报送区财政");

        _machine.Configure(DeclarationStage.SubmittedToFinance)
            .PermitIf(DeclarationTrigger.FinanceReturn, DeclarationStage.Draft, Finance, "区财政局退回")
            .PermitIf(DeclarationTrigger.FinanceAccept, DeclarationStage.Finalized, Finance, "区财政局审核通过");

        _machine.Configure(DeclarationStage.Excluded)
            .PermitIf(DeclarationTrigger.Include, DeclarationStage.Draft, Office, "办公室恢复为起草");

        _machine.Configure(DeclarationStage.Finalized);
    }

    public DeclarationStage Stage => _machine.State;

    public bool CanFire(DeclarationTrigger trigger) => _machine.CanFire(trigger);

    public IReadOnlyList<DeclarationTrigger> PermittedTriggers => Enum.GetValues<DeclarationTrigger>().Where(_machine.CanFire).ToList();

    /// <summary>Moves the declaration; callers check <see cref="CanFire"/> first and answer 409 otherwise.</summary>
    public void Fire(DeclarationTrigger trigger) => _machine.Fire(trigger);

    /// <summary>One arrow of the route: from, to, trigger and the guard's description (the action in words, e.g. 科室提交).</summary>
    public sealed record Edge(DeclarationStage From, DeclarationStage To, DeclarationTrigger Trigger, string Label);

    /// <summary>Every configured transition, read from the state machine itself (the help page draws it).</summary>
    public static IReadOnlyList<Edge> Edges()
    {
        var everyone = new Declaration { SectionId = "*" };
        var route = new DeclarationRoute(everyone, new Actor(Guid.Empty, "*", UserRole.Admin, "*"));
        var edges = new List<Edge>();
        foreach (var state in route._machine.GetInfo().States)
        {
            foreach (var transition in state.FixedTransitions)
            {
                var label = string.Join("，", transition.GuardConditionsMethodDescriptions.Select(g => g.Description));
                edges.Add(new Edge((DeclarationStage)state.UnderlyingState, (DeclarationStage)transition.DestinationState.UnderlyingState,
                    (DeclarationTrigger)transition.Trigger.UnderlyingTrigger, label));
            }
        }
        return edges;
    }

    /// <summary>The whole route as a Mermaid state diagram (guards shown by their description).</summary>
    public static string ToMermaid()
    {
        var everyone = new Declaration { SectionId = "*" };
        var route = new DeclarationRoute(everyone, new Actor(Guid.Empty, "*", UserRole.Admin, "*"));
        return MermaidGraph.Format(route._machine.GetInfo());
    }
}
