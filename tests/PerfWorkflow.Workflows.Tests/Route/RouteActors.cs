using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Workflows.Tests.Route;

/// <summary>The kinds of actor the route's guards tell apart (own 科室, another 科室, each bureau-wide role).</summary>
public enum Who
{
    OwnDrafter,
    OwnHead,
    OtherSectionDrafter,
    OtherSectionHead,
    Office,
    Leader,
    Finance,
    Admin,
}

/// <summary>One actor of each kind, for the route tests that need no database.</summary>
public static class RouteActors
{
    /// <summary>The 科室 the declarations under test belong to.</summary>
    public const string OwnSection = "gy";

    public static Actor Of(Who who) => who switch
    {
        Who.OwnDrafter => new Actor(Guid.NewGuid(), "经办人", UserRole.SectionDrafter, OwnSection),
        Who.OwnHead => new Actor(Guid.NewGuid(), "负责人", UserRole.SectionHead, OwnSection),
        Who.OtherSectionDrafter => new Actor(Guid.NewGuid(), "他科经办人", UserRole.SectionDrafter, "xf"),
        Who.OtherSectionHead => new Actor(Guid.NewGuid(), "他科负责人", UserRole.SectionHead, "xf"),
        Who.Office => new Actor(Guid.NewGuid(), "办公室", UserRole.Office, null),
        Who.Leader => new Actor(Guid.NewGuid(), "局领导", UserRole.BureauLeader, null),
        Who.Finance => new Actor(Guid.NewGuid(), "财政", UserRole.FinanceLiaison, null),
        _ => new Actor(Guid.NewGuid(), "管理员", UserRole.Admin, null),
    };

    /// <summary>Every stage of a route with every kind of actor, for theories over a whole route.</summary>
    public static TheoryData<TStage, Who> EveryStageAndActor<TStage>()
        where TStage : struct, Enum
    {
        var data = new TheoryData<TStage, Who>();
        foreach (var stage in Enum.GetValues<TStage>())
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(stage, who);
            }
        }
        return data;
    }

    public static bool IsOwnSection(Who who) => who is Who.OwnDrafter or Who.OwnHead;

    public static bool IsOtherSection(Who who) => who is Who.OtherSectionDrafter or Who.OtherSectionHead;
}
