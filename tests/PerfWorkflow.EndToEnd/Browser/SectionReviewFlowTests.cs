using Microsoft.Playwright;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>
/// The 科室 and the office in a real browser: a drafter fills a new declaration, is stopped by a validation error and
/// fixes it; the office returns it with a field comment; the drafter sees the comment and the diff and resubmits; the
/// office accepts.
/// </summary>
public sealed class SectionReviewFlowTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    [Fact]
    public async Task Drafter_FixesAnError_OfficeReturns_DrafterResubmits_OfficeAccepts()
    {
        var drafter = await portal.SignInAsync("drafter.gy");
        await Assertions.Expect(drafter).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/declarations$"));
        await PortalFixture.ScreenshotAsync(drafter, "10-section-list-empty");

        await drafter.GetByRole(AriaRole.Link, new() { Name = "新建申报", Exact = true }).Last.ClickAsync();
        await PortalFixture.ScreenshotAsync(drafter, "11-section-new");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "新建空白申报表" }).ClickAsync();
        await Assertions.Expect(drafter.Locator("h1")).ToHaveTextAsync("新申报表");

        await FillFormAsync(drafter);
        await drafter.GetByRole(AriaRole.Button, new() { Name = "添加一行（数量指标）" }).ClickAsync();
        await Assertions.Expect(drafter.GetByLabel("数量指标 第2行 三级指标", Exact)).ToBeVisibleAsync();
        await Assertions.Expect(drafter.GetByLabel("项目名称", Exact)).ToHaveValueAsync("2027年工业企业运行监测服务项目");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "删除（数量指标 第2行）" }).ClickAsync();
        await Assertions.Expect(drafter.GetByLabel("数量指标 第2行 三级指标", Exact)).ToHaveCountAsync(0);
        await Assertions.Expect(drafter.GetByLabel("数量指标 第1行 三级指标", Exact)).ToHaveValueAsync("监测企业数量");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).First.ClickAsync();

        var alert = drafter.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("处错误");
        await Assertions.Expect(alert.GetByRole(AriaRole.Link, new() { Name = "政策依据" })).ToBeVisibleAsync();
        await PortalFixture.ScreenshotAsync(drafter, "12-editor-submit-blocked");

        await alert.GetByRole(AriaRole.Link, new() { Name = "政策依据" }).ClickAsync();
        await drafter.GetByLabel("政策依据", Exact).FillAsync("《深圳市福田区工业企业运行监测工作方案》（福工信〔2026〕12号）。");
        await Assertions.Expect(drafter.Locator("[data-findings-for=policyBasis]")).ToBeEmptyAsync();
        await drafter.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).First.ClickAsync();
        await Assertions.Expect(drafter.GetByRole(AriaRole.Status)).ToHaveTextAsync("已提交办公室审核。");
        await Assertions.Expect(drafter.Locator(".page-head .badge.status")).ToHaveTextAsync("待办公室审核");
        await Assertions.Expect(drafter.Locator(".page-head .badge.status")).ToHaveAttributeAsync("title", "当前环节：办公室审核");
        var declarationUrl = drafter.Url;
        await PortalFixture.ScreenshotAsync(drafter, "13-view-submitted");

        var office = await portal.SignInAsync("office");
        await office.GotoAsync("/tasks");
        await Assertions.Expect(office.GetByRole(AriaRole.Table)).ToContainTextAsync("工业企业运行监测服务");
        await PortalFixture.ScreenshotAsync(office, "14-office-tasks");
        await office.GetByRole(AriaRole.Link, new() { Name = "2027年工业企业运行监测服务项目" }).ClickAsync();
        await office.GetByText("退回修改").ClickAsync();
        await office.GetByLabel("总体退回意见").FillAsync("测算依据请列明监测企业数量与单价。");
        await office.GetByLabel("测算依据", Exact).FillAsync("请写明数据采集服务按多少家企业、每家多少元测算。");
        await PortalFixture.ScreenshotAsync(office, "15-office-return-form");
        await office.GetByRole(AriaRole.Button, new() { Name = "退回", Exact = true }).ClickAsync();
        await Assertions.Expect(office.GetByRole(AriaRole.Status)).ToHaveTextAsync("已退回。");
        await Assertions.Expect(office.Locator(".page-head .badge.status")).ToHaveTextAsync("已退回");
        await Assertions.Expect(office.Locator(".page-head .badge.status")).ToHaveAttributeAsync("data-stage", "Draft");

        // The returned declaration says so, who returned it, the comment, and whose turn it is now.
        await drafter.GotoAsync(declarationUrl);
        await Assertions.Expect(drafter.Locator(".page-head .badge.status")).ToHaveTextAsync("已退回");
        await Assertions.Expect(drafter.Locator(".page-head")).ToContainTextAsync("陈主任 于");
        await Assertions.Expect(drafter.Locator("[data-next-step]")).ToContainTextAsync("下一步：工业运行科");
        await Assertions.Expect(drafter.Locator(".alert.return")).ToContainTextAsync("测算依据请列明监测企业数量与单价。");
        await PortalFixture.ScreenshotAsync(drafter, "15b-view-returned-status");

        await drafter.GotoAsync(declarationUrl + "/edit");
        await Assertions.Expect(drafter.Locator("#v-calculationBasis, .field:has(#f-calculationBasis)").Locator(".review-comment"))
            .ToContainTextAsync("每家多少元");
        await drafter.GetByLabel("测算依据", Exact).FillAsync("用途1：运行监测数据采集服务费，按300家企业、每家500元测算，共15万元；用途2：监测分析报告编制费15万元。");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).First.ClickAsync();
        await Assertions.Expect(drafter.GetByRole(AriaRole.Status)).ToHaveTextAsync("草稿已保存。");
        await PortalFixture.ScreenshotAsync(drafter, "16-editor-after-return");

        await drafter.GotoAsync(declarationUrl);
        await Assertions.Expect(drafter.Locator(".alert.return")).ToContainTextAsync("测算依据请列明监测企业数量与单价。");
        await Assertions.Expect(drafter.Locator("#v-calculationBasis .review-comment")).ToContainTextAsync("每家多少元");
        var diff = drafter.GetByRole(AriaRole.Region, new() { Name = "自上次提交以来的修改" });
        await Assertions.Expect(diff.Locator("ins").First).ToBeVisibleAsync();
        await Assertions.Expect(diff).ToContainTextAsync("测算依据");
        await PortalFixture.ScreenshotAsync(drafter, "17-view-diff-and-comment");
        // A resubmission carries the drafter's 修改说明 to the reviewer.
        await drafter.Locator("#submit-note").FillAsync("已按意见列明300家企业、每家500元的测算。");
        await drafter.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await Assertions.Expect(drafter.GetByRole(AriaRole.Status)).ToHaveTextAsync("已提交。");
        await drafter.GotoAsync("/declarations");
        await Assertions.Expect(drafter.GetByRole(AriaRole.Table).Locator("[data-next-step]").First).ToContainTextAsync("下一步：办公室");
        await PortalFixture.ScreenshotAsync(drafter, "17b-section-list-next-step");

        await office.GotoAsync(declarationUrl);
        await Assertions.Expect(office.Locator("[data-submit-note]")).ToContainTextAsync("已按意见列明300家企业、每家500元的测算。");
        await Assertions.Expect(office.GetByRole(AriaRole.Region, new() { Name = "自上次提交以来的修改" })).ToContainTextAsync("每家500元");
        await PortalFixture.ScreenshotAsync(office, "18-office-review-resubmitted");
        await office.GetByRole(AriaRole.Button, new() { Name = "纳入汇总" }).ClickAsync();
        await Assertions.Expect(office.GetByRole(AriaRole.Status)).ToHaveTextAsync("已纳入汇总。");
        await Assertions.Expect(office.Locator(".page-head .badge.status")).ToHaveTextAsync("已纳入汇总");
        await PortalFixture.ScreenshotAsync(office, "19-office-accepted");

        await drafter.GotoAsync("/declarations");
        await Assertions.Expect(drafter.GetByRole(AriaRole.Table)).ToContainTextAsync("已纳入汇总");
        await PortalFixture.ScreenshotAsync(drafter, "20-section-list");

        var stranger = await portal.SignInAsync("drafter.xf");
        await stranger.GotoAsync(declarationUrl);
        await Assertions.Expect(stranger.Locator("h1")).ToHaveTextAsync("无权访问");
        await Assertions.Expect(stranger.Locator(".notice")).ToContainTextAsync("属于其他科室");
        await Assertions.Expect(stranger.Locator("body")).Not.ToContainTextAsync("工业企业运行监测服务");
        await PortalFixture.ScreenshotAsync(stranger, "21-other-section-denied");
        var missing = await stranger.GotoAsync("/declarations/" + Guid.NewGuid());
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(stranger.Locator("h1")).ToHaveTextAsync("页面不存在");
        await Assertions.Expect(stranger.GetByRole(AriaRole.Link, new() { Name = "返回我的首页" })).ToBeVisibleAsync();
        await PortalFixture.ScreenshotAsync(stranger, "21b-not-found");
        await stranger.Context.DisposeAsync();
        await office.Context.DisposeAsync();
        await drafter.Context.DisposeAsync();
    }

    private static async Task FillFormAsync(IPage page)
    {
        await page.GetByLabel("项目编码", Exact).FillAsync("440304271073100000001");
        await page.GetByLabel("项目名称", Exact).FillAsync("2027年工业企业运行监测服务项目");
        await page.GetByLabel("实施期限", Exact).FillAsync("1");
        await page.GetByLabel("项目类型", Exact).SelectOptionAsync("31");
        await page.GetByLabel("是否新增项目", Exact).SelectOptionAsync("是");
        await page.GetByLabel("分配方式", Exact).SelectOptionAsync("项目法");
        await page.GetByLabel("项目总金额（中期规划）", Exact).FillAsync("30");
        await page.GetByLabel("本年度项目金额", Exact).FillAsync("30");
        await Assertions.Expect(page.Locator("[data-yuan-for=f-currentYearAmountYuan]")).ToHaveTextAsync("300,000.00 元");
        await page.GetByLabel("测算依据", Exact).FillAsync("用途1：运行监测数据采集服务费15万元；用途2：监测分析报告编制费15万元。");
        await page.GetByLabel("年度目标", Exact).FillAsync("完成全区规模以上工业企业运行监测，按月形成监测分析报告，为稳增长决策提供支撑。");
        await Assertions.Expect(page.Locator("[data-counter-for=f-annualGoal]")).ToContainTextAsync("/ 2000 字");
        await Row(page, "数量指标", "监测企业数量", "≥300家", "该指标主要考察纳入运行监测的规模以上工业企业数量。");
        await Row(page, "质量指标", "监测报告合格率", "≥95%", "该指标主要考察监测分析报告通过审核的比例。");
        await Row(page, "时效指标", "报告提交及时性", "及时", "该指标主要考察月度报告是否按时提交。");
        await Row(page, "成本指标", "成本控制率", "≤100%", "该指标主要考察项目实际支出与预算的比例。");
        await Row(page, "社会效益指标", "为稳增长决策提供支撑", "有效保障", "该指标主要考察监测结果对决策的支撑作用。");
        await Row(page, "服务对象满意度指标", "服务对象满意度", "≥90%", "该指标主要考察受监测企业对服务的满意程度。");
        // The live check has run on what was typed (项目编码 and 年度目标 have no finding) and the one field left empty and
        // untouched, 政策依据, is marked 必填 rather than shown as an error (errors show once touched or on submit).
        await Assertions.Expect(page.Locator("[data-findings-for=code]")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("[data-findings-for=annualGoal]")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("[data-findings-for=policyBasis]")).ToHaveTextAsync("必填");
        await PortalFixture.ScreenshotAsync(page, "12a-editor-filled-live-findings");
    }

    private static async Task Row(IPage page, string category, string name, string value, string explanation)
    {
        await page.GetByLabel($"{category} 第1行 三级指标", Exact).FillAsync(name);
        await page.GetByLabel($"{category} 第1行 指标值", Exact).FillAsync(value);
        await page.GetByLabel($"{category} 第1行 指标解释", Exact).FillAsync(explanation);
    }
}
