using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PerfWorkflow.Api.Tests.Pages;

namespace PerfWorkflow.Api.Tests.Packages;

public sealed class OverdueApiTests
{
    [Fact]
    public async Task Overdue_AnswersTheSameListAsTheDashboard_WithWorkingDaysAndTheCandidateGroup()
    {
        await using var app = new PortalApp();
        app.Advance(TimeSpan.FromDays(40));
        using var office = app.Factory.CreateClient();
        using var login = await office.PostAsJsonAsync("/api/auth/login", new { userName = "office", password = PortalApp.DemoPassword });
        login.EnsureSuccessStatusCode();

        var items = await office.GetFromJsonAsync<JsonArray>("/api/dashboard/overdue?section=gy");

        Assert.Equal(3, items!.Count);
        Assert.All(items, i => Assert.True(i!["workingDaysOverdue"]!.GetValue<int>() > 0));
        Assert.All(items, i => Assert.Equal("SectionDrafter", i!["assignee"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal("gy", i!["sectionId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Overdue_IsEmpty_BeforeAnyDueDate()
    {
        await using var app = new PortalApp();
        using var office = app.Factory.CreateClient();
        using var login = await office.PostAsJsonAsync("/api/auth/login", new { userName = "office", password = PortalApp.DemoPassword });
        login.EnsureSuccessStatusCode();

        Assert.Empty((await office.GetFromJsonAsync<JsonArray>("/api/dashboard/overdue"))!);
    }
}
