using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Pages.Office;

namespace PerfWorkflow.Api.Tests.Pages;

public sealed class OfficePageTests
{
    [Theory]
    [InlineData("drafter.gy", "/dashboard")]
    [InlineData("head.gy", "/package")]
    [InlineData("leader", "/dashboard")]
    [InlineData("finance", "/dashboard")]
    public async Task OfficePages_AnswerForbidden_ToRolesTheyAreNotFor(string user, string path)
    {
        await using var app = new PortalApp();
        using var client = await app.SignInAsync(user);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ListsEveryDraft_AsOverdueInWorkingDays_AfterTheClockPassesTheirDueDate()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");
        var before = await office.GetStringAsync("/dashboard");
        Assert.Contains("没有逾期的申报表", before, StringComparison.Ordinal);

        // Forty days later the sign-in cookie has long expired: the office signs in again.
        app.Advance(TimeSpan.FromDays(40));
        using var nextMonth = await app.SignInAsync("office");
        var after = await nextMonth.GetStringAsync("/dashboard");

        var draft = await app.FirstDeclarationOfAsync("gy");
        Assert.Contains(WebUtility.HtmlEncode(draft.Name), after, StringComparison.Ordinal);
        Assert.Contains("6 张逾期", after, StringComparison.Ordinal);
        Assert.Matches("逾期 \\d+ 个工作日", after);
        Assert.Contains("<title id=\"funnel-title\">申报环节漏斗</title>", after, StringComparison.Ordinal);
        Assert.Contains("<title id=\"overdue-by-section-title\">各科室逾期申报表</title>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_FiltersBySection_AndSortsByTheChosenColumn()
    {
        await using var app = new PortalApp();
        app.Advance(TimeSpan.FromDays(40));
        using var office = await app.SignInAsync("office");
        var codes = await app.WithDomainAsync((db, _) => db.Declarations.Where(d => d.SectionId == "xf").Select(d => d.Code).ToListAsync());

        var ascending = await office.GetStringAsync("/dashboard?section=xf&sort=code&desc=false");
        var descending = await office.GetStringAsync("/dashboard?section=xf&sort=code&desc=true");

        var sorted = codes.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(sorted, CodesInOrder(ascending, sorted));
        Assert.Equal(sorted.AsEnumerable().Reverse(), CodesInOrder(descending, sorted));
        var gyCode = await app.WithDomainAsync((db, _) => db.Declarations.Where(d => d.SectionId == "gy").Select(d => d.Code).FirstAsync());
        Assert.DoesNotContain($"<td class=\"code\">{gyCode}</td>", ascending, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ShowsTheOverdueListInPagesOfAHundred_KeepingSortAndFilters_WhileTheCsvHoldsEveryRow()
    {
        await using var app = new PortalApp();
        _ = app.Factory.Server;
        const int Added = 150;
        // 150 more overdue drafts of 工业运行科, copies of a demo draft with their own codes and names.
        await app.WithDomainAsync(async (db, _) =>
        {
            for (var i = 0; i < Added; i++)
            {
                var copy = await db.Declarations.AsNoTracking().Where(d => d.SectionId == "gy").OrderBy(d => d.Code).FirstAsync();
                copy.Id = Guid.NewGuid();
                copy.Code = $"4403042710715{i:00000000}";
                copy.Name = $"分页测试项目{i:000}";
                db.Declarations.Add(copy);
            }
            return await db.SaveChangesAsync();
        });
        app.Advance(TimeSpan.FromDays(40));
        using var office = await app.SignInAsync("office");
        var total = await app.WithDomainAsync((db, _) => db.Declarations.CountAsync(d => d.SectionId == "gy"));
        var codes = await app.WithDomainAsync((db, _) => db.Declarations.Where(d => d.SectionId == "gy").Select(d => d.Code).ToListAsync());
        var sorted = codes.Order(StringComparer.Ordinal).ToList();

        var first = await office.GetStringAsync("/dashboard?section=gy&sort=code&desc=false");
        var second = await office.GetStringAsync("/dashboard?section=gy&sort=code&desc=false&p=2");
        var beyond = await office.GetStringAsync("/dashboard?section=gy&sort=code&desc=false&p=99");
        using var csv = await office.GetAsync("/dashboard?handler=Csv&section=gy");

        Assert.Equal(sorted.Take(DashboardModel.PageSize), CodesInOrder(first, sorted));
        Assert.Equal(sorted.Skip(DashboardModel.PageSize), CodesInOrder(second, sorted));
        Assert.Contains($"第 1 / 2 页（每页 100 张，共 {total} 张；导出 CSV 含全部）", first, StringComparison.Ordinal);
        // The pager's 下一页 link keeps the filter and the sort: following it shows the second page.
        var next = WebUtility.HtmlDecode(Regex.Match(first, "<a href=\"([^\"]+)\">下一页</a>").Groups[1].Value);
        Assert.Equal(sorted.Skip(DashboardModel.PageSize), CodesInOrder(await office.GetStringAsync(next), sorted));
        Assert.Equal(CodesInOrder(second, sorted), CodesInOrder(beyond, sorted));
        var lines = (await csv.Content.ReadAsStringAsync()).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(total, lines.Length - 1);
    }

    [Fact]
    public async Task Csv_StartsWithTheUtf8Bom_AndHasAHeaderAndOneRowPerOverdueDeclaration()
    {
        await using var app = new PortalApp();
        app.Advance(TimeSpan.FromDays(40));
        using var office = await app.SignInAsync("office");

        using var response = await office.GetAsync("/dashboard?handler=Csv&section=gy");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"项目编码\",\"项目名称\",\"科室\"", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Contains("\"工业运行科\"", l, StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains("\"科室起草\"", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("office")]
    [InlineData("leader")]
    [InlineData("admin")]
    public async Task Package_ShowsTheComputedBureauTotal_InWanYuan_ToBureauRoles(string user)
    {
        await using var app = new PortalApp();
        using var client = await app.SignInAsync(user);
        var totalYuan = await app.WithDomainAsync((db, _) => db.Declarations.SumAsync(d => d.CurrentYearAmountYuan));

        var html = await client.GetStringAsync("/package");

        Assert.Contains(PerfWorkflow.Api.Pages.Office.OfficeDisplay.WanYuan(totalYuan), html, StringComparison.Ordinal);
        Assert.Contains("由系统自动汇总", html, StringComparison.Ordinal);
        Assert.Contains("汇总中", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_ShowsFinance_OnlyTheDeclarationsSentToIt_NotTheBureausDrafts()
    {
        await using var app = new PortalApp();
        var drafts = await app.WithDomainAsync((db, _) => db.Declarations.AsNoTracking().OrderBy(d => d.Code).ToListAsync());
        var sent = drafts[0];
        await app.WithDomainAsync((db, _) => db.Declarations.Where(d => d.Id == sent.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Stage, PerfWorkflow.Workflows.Route.DeclarationStage.SubmittedToFinance)));
        using var finance = await app.SignInAsync("finance");

        var html = System.Net.WebUtility.HtmlDecode(await finance.GetStringAsync("/package"));

        Assert.Contains(sent.Name, html, StringComparison.Ordinal);
        Assert.All(drafts.Skip(1), d => Assert.DoesNotContain(d.Name, html, StringComparison.Ordinal));
        var draftTotal = drafts.Skip(1).Sum(d => d.CurrentYearAmountYuan) + sent.CurrentYearAmountYuan;
        Assert.DoesNotContain(PerfWorkflow.Api.Pages.Office.OfficeDisplay.WanYuan(draftTotal), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_OffersSubmitToTheOfficeOnly()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");
        using var leader = await app.SignInAsync("leader");

        Assert.Contains(">报局审核</button>", await office.GetStringAsync("/package"), StringComparison.Ordinal);
        Assert.DoesNotContain(">报局审核</button>", await leader.GetStringAsync("/package"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageSubmit_IsRefusedWithConflict_ListingTheDeclarationsStillInDraft()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");

        using var response = await PortalApp.PostFormAsync(office, "/package", "/package",
            new() { ["action"] = "submit", ["expectedVersion"] = "1" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("还有 6 张申报表未完成上一环节", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageAction_WithAStaleVersion_IsRefusedNamingWhoChangedIt()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");

        using var response = await PortalApp.PostFormAsync(office, "/package", "/package",
            new() { ["action"] = "submit", ["expectedVersion"] = "7" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("页面已刷新为最新状态", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static List<string> CodesInOrder(string html, IReadOnlyList<string> codes) =>
        [.. codes.OrderBy(c => html.IndexOf($"<td class=\"code\">{c}</td>", StringComparison.Ordinal)).Where(c => html.Contains($"<td class=\"code\">{c}</td>", StringComparison.Ordinal))];
}
