using System.Net;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Pages.Office;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Tests.Pages;

/// <summary>The declaration list as the office uses it (issue 14): search, amounts in 万元, sort, batch actions.</summary>
public sealed class DeclarationListPageTests(EmbeddedApp app) : IClassFixture<EmbeddedApp>
{
    [Fact]
    public async Task Search_FindsByName_AndByCodeTail_AndNothingElse()
    {
        using var office = await PortalClient.SignInAsync(app, "office");
        var all = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().Where(d => d.Name != "").OrderBy(d => d.Code).ToListAsync());
        var target = all[0];
        var others = all.Where(d => d.Code != target.Code && !d.Name.Contains(target.Name[..4], StringComparison.Ordinal)).ToList();

        var byName = await office.GetStringAsync("/declarations?q=" + Uri.EscapeDataString(target.Name[..4]));
        var byCode = await office.GetStringAsync("/declarations?q=" + target.Code[^6..]);

        Assert.Contains(WebUtility.HtmlEncode(target.Name), byName, StringComparison.Ordinal);
        Assert.Contains(target.Code, byCode, StringComparison.Ordinal);
        Assert.NotEmpty(others);
        Assert.All(others, d => Assert.DoesNotContain(WebUtility.HtmlEncode(d.Name), byName, StringComparison.Ordinal));
        Assert.Contains("value=\"" + WebUtility.HtmlEncode(target.Name[..4]) + "\"", byName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ShowsTheAmountIn万元_AndSortsByIt_BothWays()
    {
        using var office = await PortalClient.SignInAsync(app, "office");
        var amounts = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().Select(d => d.CurrentYearAmountYuan).ToListAsync());

        var ascending = await office.GetStringAsync("/declarations?sort=amount");
        var descending = await office.GetStringAsync("/declarations?sort=amount&desc=true");

        Assert.Contains("本年度金额（万元）", ascending, StringComparison.Ordinal);
        var shown = amounts.Order().Select(OfficeDisplay.WanYuan).ToList();
        Assert.Equal(shown, Positions(ascending, shown).Select(p => p.Text));
        Assert.Equal(Enumerable.Reverse(shown), Positions(descending, shown).Select(p => p.Text));
        Assert.Contains("aria-sort=\"descending\"", descending, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchExclude_OfTwo_WithOneStaleVersion_ExcludesOne_AndSaysWhyNotForTheOther()
    {
        using var office = await PortalClient.SignInAsync(app, "office");
        var drafts = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking()
            .Where(d => d.Stage == DeclarationStage.Draft && d.SectionId == "xf").OrderBy(d => d.Code).Take(2).ToListAsync());
        Assert.Equal(2, drafts.Count);
        var list = await office.GetStringAsync("/declarations?section=xf");
        Assert.Contains("全选本筛选结果", list, StringComparison.Ordinal);
        Assert.Contains("批量不纳入汇总", list, StringComparison.Ordinal);
        Assert.Contains($"value=\"{drafts[0].Id}:{drafts[0].Version}\"", list, StringComparison.Ordinal);

        using var response = await office.PostFormAsync("/declarations?section=xf", "/declarations?handler=Batch&section=xf", new()
        {
            ["batchAction"] = "exclude",
            ["comment"] = "本年度不再申报",
            ["selected"] = $"{drafts[0].Id}:{drafts[0].Version}",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("「不纳入汇总」：1 张已处理", html, StringComparison.Ordinal);

        // The version the page showed before someone else saved: the batch refuses that one and says why.
        using var stale = await office.PostFormAsync("/declarations?section=xf", "/declarations?handler=Batch&section=xf", new()
        {
            ["batchAction"] = "exclude",
            ["comment"] = "本年度不再申报",
            ["selected"] = $"{drafts[1].Id}:{drafts[1].Version - 1}",
        });
        var staleHtml = await stale.Content.ReadAsStringAsync();
        Assert.Contains("0 张已处理，1 张未处理", staleHtml, StringComparison.Ordinal);
        Assert.Contains("您的操作没有执行", staleHtml, StringComparison.Ordinal);
        var stages = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking()
            .Where(d => d.Id == drafts[0].Id || d.Id == drafts[1].Id).ToDictionaryAsync(d => d.Id, d => d.Stage));
        Assert.Equal(DeclarationStage.Excluded, stages[drafts[0].Id]);
        Assert.Equal(DeclarationStage.Draft, stages[drafts[1].Id]);
    }

    [Fact]
    public async Task DashboardCountCells_LinkToTheListFilteredTo科室AndStage()
    {
        using var office = await PortalClient.SignInAsync(app, "office");
        var gy = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().Where(d => d.SectionId == "gy").ToListAsync());
        var xf = await PortalClient.FirstDeclarationAsync(app, "xf");
        var cycle = gy[0].CycleYear;

        var dashboard = await office.GetStringAsync("/dashboard");
        var href = $"/declarations?cycle={cycle}&section=gy&stage=Draft";
        Assert.Contains($"<a href=\"{WebUtility.HtmlEncode(href)}\">{gy.Count(d => d.Stage == DeclarationStage.Draft)}</a>", dashboard, StringComparison.Ordinal);

        var list = await office.GetStringAsync(href);
        Assert.All(gy.Where(d => d.Stage == DeclarationStage.Draft), d => Assert.Contains(WebUtility.HtmlEncode(d.Name), list, StringComparison.Ordinal));
        Assert.DoesNotContain(WebUtility.HtmlEncode(xf.Name), list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_FromTheDeclarationsPage_IsDoneOnce_AndTheSecondTimeSaysWhyNot()
    {
        using var office = await PortalClient.SignInAsync(app, "office");
        var draft = await PortalClient.FirstDeclarationAsync(app, "gy");
        var page = await office.GetStringAsync($"/declarations/{draft.Id}");
        Assert.Contains($"action=\"/declarations/{draft.Id}/remind\"", page, StringComparison.Ordinal);

        using var first = await office.PostFormAsync($"/declarations/{draft.Id}", $"/declarations/{draft.Id}/remind",
            new() { ["comment"] = "请今天提交", ["returnUrl"] = "/dashboard" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/dashboard", first.Headers.Location?.OriginalString);
        var dashboard = await office.GetStringAsync("/dashboard");
        Assert.Contains("已催办", dashboard, StringComparison.Ordinal);

        using var second = await office.PostFormAsync($"/declarations/{draft.Id}", $"/declarations/{draft.Id}/remind",
            new() { ["returnUrl"] = "https://elsewhere.example/" });
        Assert.Equal($"/declarations/{draft.Id}", second.Headers.Location?.OriginalString);
        var refused = await office.GetStringAsync($"/declarations/{draft.Id}");
        Assert.Contains("未催办：今天", refused, StringComparison.Ordinal);
        Assert.Equal(1, await PortalClient.QueryAsync(app, db => db.AuditEvents.CountAsync(a => a.DeclarationId == draft.Id && a.Action == "remind")));
    }

    [Fact]
    public async Task SectionUsers_GetNoBatchActions()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");

        var html = await drafter.GetStringAsync("/declarations");

        Assert.DoesNotContain("批量", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"selected\"", html, StringComparison.Ordinal);
    }

    private static List<(int Index, string Text)> Positions(string html, IEnumerable<string> texts) =>
        texts.Distinct().SelectMany(t => AllIndexes(html, $"<td class=\"num\">{t}</td>").Select(i => (i, t))).OrderBy(p => p.i).ToList();

    private static IEnumerable<int> AllIndexes(string html, string needle)
    {
        for (var i = html.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = html.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }
}
