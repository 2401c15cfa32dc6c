using Microsoft.EntityFrameworkCore;
using System.Net;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Tests.Pages;

public sealed class RecordPageTests
{
    [Theory]
    [InlineData("history")]
    [InlineData("print")]
    public async Task AnotherSectionsDeclaration_IsForbidden(string page)
    {
        await using var app = new PortalApp();
        var gy = await app.FirstDeclarationOfAsync("gy");
        using var drafterXf = await app.SignInAsync("drafter.xf");

        using var response = await drafterXf.GetAsync($"/declarations/{gy.Id}/{page}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("不属于您的科室", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDeclaration_IsNotFound()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");

        using var response = await office.GetAsync($"/declarations/{Guid.NewGuid()}/history");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task History_ShowsTheTimeline_AndTheFieldDiffBetweenTheChosenVersions()
    {
        await using var app = new PortalApp();
        var draft = await app.FirstDeclarationOfAsync("gy");
        var drafter = await app.ActorAsync("drafter.gy");
        var submitted = await app.WithDomainAsync(async (db, workflow) =>
        {
            var form = draft.ReadForm();
            form.Name = "改名后的项目";
            form.AnnualGoal += "新增一句目标。";
            await workflow.UpdateAsync(drafter, draft.Id, form, null, default);
            var outcome = await workflow.ActAsync(drafter, draft.Id, ActionNames.Submit, new ActionRequest { Comment = "请审核" }, null, default);
            return Assert.IsType<ActionOutcome.Done>(outcome).Declaration!.Version;
        });
        using var client = await app.SignInAsync("head.gy");

        var html = await client.GetStringAsync($"/declarations/{draft.Id}/history?from=1&to={submitted}");

        Assert.Contains($"<del>{WebUtility.HtmlEncode(draft.Name)}</del>", html, StringComparison.Ordinal);
        Assert.Contains("<ins>改名后的项目</ins>", html, StringComparison.Ordinal);
        Assert.Contains("<ins>新增一句目标。</ins>", html, StringComparison.Ordinal);
        Assert.Contains("科室起草 → 办公室审核", html, StringComparison.Ordinal);
        Assert.Contains("请审核", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_OffersEveryVersionTheTimelineShows_AlsoThoseOfAStageChangeOnly()
    {
        await using var app = new PortalApp();
        var draft = await app.FirstDeclarationOfAsync("gy");
        var drafter = await app.ActorAsync("drafter.gy");
        var office = await app.ActorAsync("office");
        var accepted = await app.WithDomainAsync(async (db, workflow) =>
        {
            Assert.IsType<ActionOutcome.Done>(await workflow.ActAsync(drafter, draft.Id, ActionNames.Submit, new ActionRequest(), null, default));
            var outcome = await workflow.ActAsync(office, draft.Id, ActionNames.Accept, new ActionRequest(), null, default);
            return Assert.IsType<ActionOutcome.Done>(outcome).Declaration!.Version;
        });
        var timeline = await app.WithDomainAsync((db, _) => db.AuditEvents.Where(a => a.DeclarationId == draft.Id && a.Version != null)
            .Select(a => a.Version!.Value).Distinct().ToListAsync());
        using var client = await app.SignInAsync("office");

        var html = await client.GetStringAsync($"/declarations/{draft.Id}/history");

        Assert.Contains(accepted, timeline);
        foreach (var number in timeline)
        {
            Assert.Contains($"<option value=\"{number}\"", html.Replace(" selected=\"selected\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
        var submitted = accepted - 1;
        var compared = await client.GetStringAsync($"/declarations/{draft.Id}/history?from={submitted}&to={accepted}");
        Assert.Contains("表单内容相同", compared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_AnswersNotFound_ForAVersionThatDoesNotExist()
    {
        await using var app = new PortalApp();
        var draft = await app.FirstDeclarationOfAsync("gy");
        using var office = await app.SignInAsync("office");

        using var response = await office.GetAsync($"/declarations/{draft.Id}/history?from=1&to=99");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("没有该版本", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_LaysOutTheOfficialLabels_WithAmountsInWanYuan()
    {
        await using var app = new PortalApp();
        var draft = await app.FirstDeclarationOfAsync("gy");
        var form = draft.ReadForm();
        using var drafter = await app.SignInAsync("drafter.gy");

        var html = await drafter.GetStringAsync($"/declarations/{draft.Id}/print");

        Assert.Contains("二级项目支出绩效目标申报表", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">本年度项目金额（万元）</th>", html, StringComparison.Ordinal);
        Assert.Contains(PerfWorkflow.Api.Pages.Office.OfficeDisplay.WanYuan(form.CurrentYearAmountYuan), html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">三级指标</th>", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(form.Indicators[0].Explanation), html, StringComparison.Ordinal);
        foreach (var label in new[] { "填报单位（盖章）", "单位负责人", "填报人", "联系电话", "填报日期" })
        {
            Assert.Contains($"<th scope=\"row\">{label}</th>", html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("系统按元存储", html, StringComparison.Ordinal);
    }
}
