using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Tests.Route;

/// <summary>Who may see, create and save a declaration, without a database (the rules run over an in-memory query).</summary>
public sealed class DeclarationAccessTests
{
    public static TheoryData<Who> EveryActor() => new(Enum.GetValues<Who>());

    public static TheoryData<DeclarationStage, Who> EveryStageAndActor() => RouteActors.EveryStageAndActor<DeclarationStage>();

    [Theory]
    [MemberData(nameof(EveryActor))]
    public void VisibleTo_OwnSectionForSections_AllForTheBureau_WhatWasSentForFinance(Who who)
    {
        var all = Enum.GetValues<DeclarationStage>()
            .SelectMany(stage => new[] { RouteActors.OwnSection, "xf" }.SelectMany(section => new[] { false, true }
                .Select(returned => new Declaration { Stage = stage, SectionId = section, ReturnedByFinance = returned })))
            .ToList();

        var visible = DeclarationAccess.VisibleTo(all.AsQueryable(), RouteActors.Of(who)).ToList();

        var expected = all.Where(d => who switch
        {
            Who.Office or Who.Leader or Who.Admin => true,
            Who.OwnDrafter or Who.OwnHead => d.SectionId == RouteActors.OwnSection,
            Who.OtherSectionDrafter or Who.OtherSectionHead => d.SectionId == "xf",
            _ => d.Stage is DeclarationStage.SubmittedToFinance or DeclarationStage.Finalized || d.ReturnedByFinance,
        });
        Assert.Equal(expected, visible);
    }

    [Theory]
    [MemberData(nameof(EveryActor))]
    public void SectionToCreateIn_IsTheActorsOwn_OrForAnOfficeImportTheNamedOne(Who who)
    {
        var actor = RouteActors.Of(who);

        Assert.Equal(RouteActors.IsOwnSection(who) || RouteActors.IsOtherSection(who) ? actor.SectionId : null, DeclarationAccess.SectionToCreateIn(actor, null));
        Assert.Equal(
            who == Who.Office ? "zj" : RouteActors.IsOwnSection(who) || RouteActors.IsOtherSection(who) ? actor.SectionId : null,
            DeclarationAccess.SectionToCreateIn(actor, new ImportSource("表.xlsx", "zj")));
        Assert.Null(DeclarationAccess.SectionToCreateIn(RouteActors.Of(Who.Office), new ImportSource("表.xlsx")));
    }

    [Theory]
    [MemberData(nameof(EveryStageAndActor))]
    public void EditRefusal_SaysNotYourSectionWhileASectionWorksOnIt_OtherwiseNamesTheStage(DeclarationStage stage, Who who)
    {
        var declaration = new Declaration { Stage = stage, SectionId = RouteActors.OwnSection };

        var outcome = DeclarationAccess.EditRefusal(declaration, RouteActors.Of(who));

        if (stage is DeclarationStage.Draft or DeclarationStage.OfficeReview && (RouteActors.IsOtherSection(who) || who == Who.Finance))
        {
            Assert.Equal(DeclarationAccess.NotYourSection, Assert.IsType<ActionOutcome.Forbidden>(outcome).Message);
        }
        else
        {
            var refused = Assert.IsType<ActionOutcome.NotPermitted>(outcome);
            Assert.Equal($"申报表处于「{StageLabels.For(stage.ToString())}」阶段，您不能修改。", refused.Message);
            Assert.Equal(DeclarationAccess.PermittedActions(declaration, RouteActors.Of(who)).Order(StringComparer.Ordinal), refused.PermittedActions.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData(PackageStage.Collecting, null)]
    [InlineData(PackageStage.BureauReview, "2027 年度申报包已报局审核，成员和金额已固定，不能再新建这一年度的申报表。如确需补报，请联系办公室。")]
    [InlineData(PackageStage.FinanceReviewing, "2027 年度申报包已报送区财政，成员和金额已固定，不能再新建这一年度的申报表。如确需补报，请联系办公室。")]
    [InlineData(PackageStage.Accepted, "2027 年度申报包已经区财政审核通过，成员和金额已固定，不能再新建这一年度的申报表。如确需补报，请联系办公室。")]
    public void FrozenPackageReason_OnlyOnceThePackageHasLeftCollecting(PackageStage stage, string? expected)
    {
        Assert.Equal(expected, DeclarationAccess.FrozenPackageReason(new Package { CycleYear = 2027, Stage = stage }));
        Assert.Null(DeclarationAccess.FrozenPackageReason(null));
    }
}
