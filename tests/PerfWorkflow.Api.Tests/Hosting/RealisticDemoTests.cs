using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Tests.Pages;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Tests.Hosting;

/// <summary>
/// Issue 10: what <c>dotnet run</c> shows a newcomer (Demo:Scenario=Realistic, set by Properties/launchSettings.json):
/// last year finished, this year in progress across several 科室 with overdue, returned and consolidated declarations.
/// </summary>
public sealed class RealisticDemoTests
{
    [Fact]
    public async Task TheDemo_StandsAtARealisticMoment_FollowingTodaysDate()
    {
        await using var app = new EmbeddedApp { Settings = new Dictionary<string, string> { ["Demo:Scenario"] = "Realistic" } };
        using var office = await PortalClient.SignInAsync(app, "office");
        var year = ChinaTime.Today(TimeProvider.System).Year + 1;

        var declarations = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().ToListAsync());
        var lastYear = declarations.Where(d => d.CycleYear == year - 1).ToList();
        var thisYear = declarations.Where(d => d.CycleYear == year).ToList();

        Assert.NotEmpty(lastYear);
        Assert.All(lastYear, d => Assert.Equal(DeclarationStage.Finalized, d.Stage));
        Assert.True(thisYear.Select(d => d.SectionId).Distinct().Count() >= 3, "this year's declarations span several 科室");
        Assert.Contains(thisYear, d => d.Stage == DeclarationStage.OfficeReview);
        Assert.Contains(thisYear, d => d.Stage == DeclarationStage.Consolidated);
        Assert.Contains(thisYear, d => d.Stage == DeclarationStage.Draft && d.DueAt < DateTimeOffset.UtcNow);

        // The dashboard's main list is not empty on first start, and a return is visible as 已退回.
        var dashboard = await office.GetStringAsync("/dashboard");
        Assert.Contains("逾期 ", dashboard, StringComparison.Ordinal);
        var list = await office.GetStringAsync($"/declarations?cycle={year}");
        Assert.Contains("已退回", list, StringComparison.Ordinal);

        // 从上年复制 has last year's forms to offer.
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var copy = await drafter.GetStringAsync("/declarations/new");
        Assert.DoesNotContain("本科室没有往年的申报表可以复制", copy, StringComparison.Ordinal);
        Assert.Contains(lastYear.First(d => d.SectionId == "gy").Code, copy, StringComparison.Ordinal);
    }
}
