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
        using var office = app.CreateClient();
        using var login = await office.PostAsJsonAsync("/api/auth/login", new { userName = "office", password = PortalApp.DemoPassword });
        login.EnsureSuccessStatusCode();

        var answer = await office.GetFromJsonAsync<JsonObject>("/api/dashboard/overdue?section=gy");
        var items = answer!["items"]!.AsArray();

        Assert.Equal(3, items.Count);
        Assert.Equal(3, answer["total"]!.GetValue<int>());
        Assert.All(items, i => Assert.True(i!["workingDaysOverdue"]!.GetValue<int>() > 0));
        Assert.All(items, i => Assert.Equal("SectionDrafter", i!["assignee"]!.GetValue<string>()));
        Assert.All(items, i => Assert.Equal("gy", i!["sectionId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Overdue_IsEmpty_BeforeAnyDueDate()
    {
        await using var app = new PortalApp();
        using var office = app.CreateClient();
        using var login = await office.PostAsJsonAsync("/api/auth/login", new { userName = "office", password = PortalApp.DemoPassword });
        login.EnsureSuccessStatusCode();

        var answer = await office.GetFromJsonAsync<JsonObject>("/api/dashboard/overdue");

        Assert.Empty(answer!["items"]!.AsArray());
        Assert.Equal((0, 1), (answer["total"]!.GetValue<int>(), answer["pageCount"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Overdue_Pages_LikeTheDashboard_WithTheTotal_AndThePagesMakeTheWholeList()
    {
        await using var app = new PortalApp();
        app.Advance(TimeSpan.FromDays(40));
        using var office = app.CreateClient();
        using var login = await office.PostAsJsonAsync("/api/auth/login", new { userName = "office", password = PortalApp.DemoPassword });
        login.EnsureSuccessStatusCode();

        var pages = new List<JsonObject>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add((await office.GetFromJsonAsync<JsonObject>($"/api/dashboard/overdue?page={page}&pageSize=2"))!);
        }
        var whole = (await office.GetFromJsonAsync<JsonObject>("/api/dashboard/overdue"))!;

        var second = pages[1];
        Assert.Equal((2, 2, 6, 3), (second["page"]!.GetValue<int>(), second["pageSize"]!.GetValue<int>(), second["total"]!.GetValue<int>(), second["pageCount"]!.GetValue<int>()));
        Assert.Equal(2, second["items"]!.AsArray().Count);
        Assert.Empty(pages[3]["items"]!.AsArray());
        Assert.Equal(100, whole["pageSize"]!.GetValue<int>());
        Assert.Equal(
            whole["items"]!.AsArray().Select(i => i!["declarationId"]!.GetValue<Guid>()),
            pages.SelectMany(p => p["items"]!.AsArray()).Select(i => i!["declarationId"]!.GetValue<Guid>()));
        Assert.All(second["items"]!.AsArray(), i => Assert.NotNull(i!["workingDaysOverdue"]));
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=501")]
    public async Task Overdue_RefusesAPageOutsideTheLimits_InChinese(string query)
    {
        await using var app = new PortalApp();
        using var office = app.CreateClient();
        using var login = await office.PostAsJsonAsync("/api/auth/login", new { userName = "office", password = PortalApp.DemoPassword });
        login.EnsureSuccessStatusCode();

        using var response = await office.GetAsync($"/api/dashboard/overdue?{query}");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("pageSize 须在 1–500 之间", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
