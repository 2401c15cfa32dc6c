using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;
using Stateless;
using Stateless.Graph;

namespace PerfWorkflow.Workflows.Route;

/// <summary>
/// The bureau package's route for one budget cycle. Collecting → BureauReview only when every declaration is
/// Consolidated or Excluded (the caller checks and says which are not); finance may return single declarations while
/// the rest stay locked.
/// </summary>
public sealed class PackageRoute
{
    public const int Version = 1;

    private readonly StateMachine<PackageStage, PackageTrigger> _machine;

    public PackageRoute(Package package, Actor actor)
    {
        _machine = new StateMachine<PackageStage, PackageTrigger>(() => package.Stage, s => package.Stage = s);

        bool Office() => actor.Role == UserRole.Office;
        bool Leader() => actor.Role == UserRole.BureauLeader;
        bool Finance() => actor.Role == UserRole.FinanceLiaison;

        _machine.Configure(PackageStage.Collecting)
            .PermitIf(PackageTrigger.SubmitForReview, PackageStage.BureauReview, Office, "办公室报局审核");

        _machine.Configure(PackageStage.BureauReview)
            // Leaders return single declarations (to the office or the 科室), not the whole package.
            .PermitIf(PackageTrigger.Approve, PackageStage.Approved, Leader, "局领导审定");

        _machine.Configure(PackageStage.Approved)
            .PermitIf(PackageTrigger.SubmitToFinance, PackageStage.SubmittedToFinance, Office, "办公室报送区财政");

        _machine.Configure(PackageStage.SubmittedToFinance)
            .PermitIf(PackageTrigger.FinanceReturn, PackageStage.FinanceReviewing, Finance, "区财政局退回部分申报表")
            .PermitIf(PackageTrigger.Accept, PackageStage.Accepted, Finance, "区财政局审核通过");

        _machine.Configure(PackageStage.FinanceReviewing)
            .PermitReentryIf(PackageTrigger.FinanceReturn, Finance, "区财政局再退回")
            .PermitIf(PackageTrigger.SubmitToFinance, PackageStage.SubmittedToFinance, Office, "办公室重新报送修改后的申报表")
            .PermitIf(PackageTrigger.Accept, PackageStage.Accepted, Finance, "区财政局审核通过");

        _machine.Configure(PackageStage.Accepted);
    }

    public PackageStage Stage => _machine.State;

    public bool CanFire(PackageTrigger trigger) => _machine.CanFire(trigger);

    public IReadOnlyList<PackageTrigger> PermittedTriggers => Enum.GetValues<PackageTrigger>().Where(_machine.CanFire).ToList();

    public void Fire(PackageTrigger trigger) => _machine.Fire(trigger);

    /// <summary>One arrow of the package route: from, to, trigger and the guard's description (e.g. 办公室报局审核).</summary>
    public sealed record Edge(PackageStage From, PackageStage To, PackageTrigger Trigger, string Label);

    /// <summary>Every configured transition (re-entries included), read from the state machine itself (the pages draw it).</summary>
    public static IReadOnlyList<Edge> Edges()
    {
        var route = new PackageRoute(new Package(), new Actor(Guid.Empty, "*", UserRole.Admin, null));
        var edges = new List<Edge>();
        foreach (var state in route._machine.GetInfo().States)
        {
            foreach (var transition in state.FixedTransitions)
            {
                var label = string.Join("，", transition.GuardConditionsMethodDescriptions.Select(g => g.Description));
                edges.Add(new Edge((PackageStage)state.UnderlyingState, (PackageStage)transition.DestinationState.UnderlyingState,
                    (PackageTrigger)transition.Trigger.UnderlyingTrigger, label));
            }
        }
        return edges;
    }

    public static string ToMermaid()
    {
        var route = new PackageRoute(new Package(), new Actor(Guid.Empty, "*", UserRole.Admin, null));
        return MermaidGraph.Format(route._machine.GetInfo());
    }
}
