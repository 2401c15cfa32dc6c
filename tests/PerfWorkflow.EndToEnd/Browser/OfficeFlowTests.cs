using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>
/// The office's screens in a real browser: the package goes to bureau review and is approved on /package, a declaration's
/// history compares two versions, the print view, and the dashboard once the clock has passed a draft's due date.
/// </summary>
public sealed class OfficeFlowTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int Cycle = 2027;
    private const int NextCycle = 2028;

    [Fact]
    public async Task Office_SubmitsThePackage_LeaderApprovesIt_AndTheDashboardListsALateDraft()
    {
        await TestOrganisation.AddCycleAsync(portal.App.Services, NextCycle, new DateOnly(2027, 1, 22));
        using var drafter = await ApiClientAsync("drafter.gy");
        using var drafterXf = await ApiClientAsync("drafter.xf");
        using var office = await ApiClientAsync("office");
        var first = await CreateAsync(drafter, Cycle, seed: 11);
        var second = await CreateAsync(drafter, Cycle, seed: 12);
        var late = await CreateAsync(drafterXf, NextCycle, seed: 13);

        // The first declaration is revised before it is submitted, so its history has two versions that differ.
        var revised = JsonSerializer.SerializeToNode(first.Form, DeclarationJson.Options)!.AsObject();
        revised["annualGoal"] = first.Form.AnnualGoal + "全年组织企业走访不少于50家。";
        revised["expectedVersion"] = first.Version;
        using (var put = await drafter.PutAsJsonAsync($"/api/declarations/{first.Id}", revised))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        await ActAsync(drafter, first.Id, "submit", "已按要求补充年度目标");
        await ActAsync(office, first.Id, "accept", "同意纳入汇总");

        // The office tries too early: the second declaration is still a draft and the page says so.
        var officePage = await portal.SignInAsync("office");
        await officePage.GotoAsync("/package");
        await officePage.GetByRole(AriaRole.Button, new() { Name = "报局审核" }).ClickAsync();
        await Assertions.Expect(officePage.GetByRole(AriaRole.Alert)).ToContainTextAsync("还有 1 张申报表未完成上一环节");
        await Assertions.Expect(officePage.GetByRole(AriaRole.Alert)).ToContainTextAsync(second.Name);
        await PortalFixture.ScreenshotAsync(officePage, "20-package-refused");

        await ActAsync(drafter, second.Id, "submit", null);
        await ActAsync(office, second.Id, "accept", null);
        await officePage.GotoAsync("/package");
        await Assertions.Expect(officePage.Locator(".big-number")).ToHaveTextAsync(WanYuan(first.AmountYuan + second.AmountYuan));
        await officePage.GetByRole(AriaRole.Button, new() { Name = "报局审核" }).ClickAsync();
        await Assertions.Expect(officePage.GetByRole(AriaRole.Status)).ToHaveTextAsync("已报局审核。");
        await Assertions.Expect(officePage.Locator(".stage-pill")).ToHaveTextAsync("局审核");
        await PortalFixture.ScreenshotAsync(officePage, "21-package-in-bureau-review");

        var leaderPage = await portal.SignInAsync("leader");
        await leaderPage.GotoAsync("/package");
        await leaderPage.GetByRole(AriaRole.Button, new() { Name = "审定" }).ClickAsync();
        await Assertions.Expect(leaderPage.Locator(".stage-pill")).ToHaveTextAsync("局已审定");
        await Assertions.Expect(leaderPage.GetByRole(AriaRole.Button, new() { Name = "审定" })).ToHaveCountAsync(0);
        await PortalFixture.ScreenshotAsync(leaderPage, "22-package-approved-by-leader");
        await leaderPage.Context.DisposeAsync();

        // Once approved the office sends the package to finance; the frozen snapshot appears with its checksum.
        await officePage.GotoAsync("/package");
        await officePage.GetByRole(AriaRole.Button, new() { Name = "报送区财政" }).ClickAsync();
        await Assertions.Expect(officePage.Locator(".stage-pill")).ToHaveTextAsync("已报送区财政");
        await Assertions.Expect(officePage.GetByRole(AriaRole.Heading, new() { Name = "报送区财政时的冻结版本" })).ToBeVisibleAsync();
        await PortalFixture.ScreenshotAsync(officePage, "23-package-frozen-for-finance");

        // The package cannot drift: a drafter's later create for that cycle is refused with the reason, and the package
        // page still counts the same declarations and the same total.
        var countBefore = await officePage.Locator("div.muted.small", new() { HasTextString = "由系统自动汇总，共" }).TextContentAsync();
        var totalBefore = await officePage.Locator(".big-number").TextContentAsync();
        var extra = new DeclarationGenerator(new DeclarationRulesOptions { BudgetYear = Cycle }).Generate(14, 1, 0).Single().Form;
        var extraBody = JsonSerializer.SerializeToNode(extra, DeclarationJson.Options)!.AsObject();
        extraBody["cycleYear"] = Cycle;
        using (var refused = await drafter.PostAsJsonAsync("/api/declarations", extraBody))
        {
            Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("不能再新建这一年度的申报表", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await officePage.ReloadAsync();
        Assert.Equal(countBefore, await officePage.Locator("div.muted.small", new() { HasTextString = "由系统自动汇总，共" }).TextContentAsync());
        Assert.Equal(totalBefore, await officePage.Locator(".big-number").TextContentAsync());

        await officePage.GotoAsync($"/declarations/{first.Id}/history");
        await Assertions.Expect(officePage.Locator(".diff ins").First).ToContainTextAsync("全年组织企业走访不少于50家");
        await Assertions.Expect(officePage.Locator(".timeline")).ToContainTextAsync("已按要求补充年度目标");
        await PortalFixture.ScreenshotAsync(officePage, "24-history-compare");

        await officePage.GotoAsync($"/declarations/{first.Id}/print");
        await Assertions.Expect(officePage.GetByRole(AriaRole.Heading, new() { Name = "二级项目支出绩效目标申报表" })).ToBeVisibleAsync();
        await PortalFixture.ScreenshotAsync(officePage, "25-print-view");
        await officePage.Context.DisposeAsync();

        // Three working days after the late draft's due date the office signs in again (yesterday's session has expired).
        // The API answers due times in 北京时间 (+08:00); the clock is set in UTC, as a real clock reads.
        portal.Clock.SetUtcNow(late.DueAt.ToUniversalTime().AddDays(5));
        var nextWeek = await portal.SignInAsync("office");
        await nextWeek.GotoAsync($"/dashboard?cycle={NextCycle}");
        var row = nextWeek.Locator("table.overdue-list tbody tr", new() { HasText = late.Name });
        await Assertions.Expect(row).ToContainTextAsync("科室起草");
        await Assertions.Expect(row).ToContainTextAsync("消费促进科");
        await Assertions.Expect(row.Locator(".badge.overdue")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^逾期 \\d+ 个工作日$"));
        await PortalFixture.ScreenshotAsync(nextWeek, "26-dashboard-overdue");

        await nextWeek.GetByRole(AriaRole.Link, new() { Name = "截止时间" }).ClickAsync();
        await Assertions.Expect(nextWeek.Locator("th[aria-sort='ascending']")).ToContainTextAsync("截止时间");
        await nextWeek.GotoAsync($"/dashboard?cycle={Cycle}&scope=open");
        await PortalFixture.ScreenshotAsync(nextWeek, "27-dashboard-open-cycle");
        await nextWeek.Context.DisposeAsync();
    }

    private sealed record Created(Guid Id, int Version, DateTimeOffset DueAt, string Name, decimal AmountYuan, DeclarationForm Form);

    private async Task<HttpClient> ApiClientAsync(string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = portal.BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = TestOrganisation.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<Created> CreateAsync(HttpClient drafter, int cycle, int seed)
    {
        var form = new DeclarationGenerator(new DeclarationRulesOptions { BudgetYear = Cycle }).Generate(seed, 1, 0).Single().Form;
        var body = JsonSerializer.SerializeToNode(form, DeclarationJson.Options)!.AsObject();
        body["cycleYear"] = cycle;
        using var response = await drafter.PostAsJsonAsync("/api/declarations", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var json = JsonNode.Parse(text)!;
        return new Created(json["id"]!.GetValue<Guid>(), json["version"]!.GetValue<int>(), json["dueAt"]!.GetValue<DateTimeOffset>(),
            json["name"]!.GetValue<string>(), json["currentYearAmountYuan"]!.GetValue<decimal>(), form);
    }

    private static async Task ActAsync(HttpClient client, Guid id, string action, string? comment)
    {
        using var response = await client.PostAsJsonAsync($"/api/declarations/{id}/actions/{action}", new { comment });
        Assert.True(response.IsSuccessStatusCode, $"{action}: {await response.Content.ReadAsStringAsync()}");
    }

    private static string WanYuan(decimal? yuan) => PerfWorkflow.Api.Pages.Office.OfficeDisplay.WanYuan(yuan);
}
