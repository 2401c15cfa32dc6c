using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>
/// Issue 14 (items 6 and 7) and issue 10's leftover in a real browser: a declaration's and the package's place on their
/// route diagrams, the package print with its cover of totals and a page per declaration, and one status per list row.
/// Each test uses its own budget cycle, so the sums it expects are those of the declarations it made.
/// </summary>
public sealed class RoutePositionAndPrintTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly string[] Sizes = ["1366", "390"];

    [Fact]
    public async Task Details_AndPackagePage_DrawTheirRoute_WithTheCurrentStageMarked_InWordsNotOnlyColour()
    {
        const int cycle = 2031;
        await TestOrganisation.AddCycleAsync(portal.App.Services, cycle, new DateOnly(2030, 12, 20));
        var submitted = await CreateAsync("drafter.gy", cycle, seed: 41, submit: true);

        foreach (var size in Sizes)
        {
            var page = await portal.SignInAsync("office");
            await page.SetViewportSizeAsync(size == "1366" ? 1366 : 390, size == "1366" ? 768 : 844);
            await page.GotoAsync($"/declarations/{submitted.Id}");

            var diagram = page.Locator("#route-position svg.route-diagram[data-route=declaration]");
            await Assertions.Expect(diagram).ToBeVisibleAsync();
            var current = diagram.Locator("g.route-stage.current");
            await Assertions.Expect(current).ToHaveCountAsync(1);
            await Assertions.Expect(current).ToHaveAttributeAsync("data-stage", nameof(DeclarationStage.OfficeReview));
            await Assertions.Expect(current).ToHaveAttributeAsync("aria-current", "step");
            await Assertions.Expect(current.Locator("text")).ToContainTextAsync(StageLabels.For(nameof(DeclarationStage.OfficeReview)));
            await Assertions.Expect(current.Locator("text")).ToContainTextAsync("当前");
            // The accessible name of the picture says where the declaration stands.
            await Assertions.Expect(diagram.Locator("title").First).ToHaveTextAsync("申报表流程图，当前环节：办公室审核");
            // Every other stage is drawn plain; the current one differs in weight and fill, not in colour alone.
            await Assertions.Expect(diagram.Locator("g.route-stage:not(.current)")).ToHaveCountAsync(Enum.GetValues<DeclarationStage>().Length - 1);
            var weights = await diagram.EvaluateAsync<string[]>(
                "svg => [getComputedStyle(svg.querySelector('g.current text')).fontWeight, getComputedStyle(svg.querySelector('g.route-stage:not(.current) text')).fontWeight]");
            Assert.Equal("700", weights[0]);
            Assert.NotEqual("700", weights[1]);
            var fills = await diagram.EvaluateAsync<string[]>(
                "svg => [svg.querySelector('g.current rect').getAttribute('fill'), svg.querySelector('g.route-stage:not(.current) rect').getAttribute('fill')]");
            Assert.NotEqual(fills[1], fills[0]);
            // The header shows one status, the stage as its tooltip.
            await Assertions.Expect(page.Locator(".page-head .badge.status")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator(".page-head .badge.stage")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator(".page-head .badge.status")).ToHaveTextAsync("待办公室审核");
            await Assertions.Expect(page.Locator(".page-head .badge.status")).ToHaveAttributeAsync("title", "当前环节：办公室审核");
            await AssertNoSidewaysScrollAsync(page);
            await PortalFixture.ScreenshotAsync(page, $"50-details-route-position-{size}");
            await page.Locator("#route-position").ScreenshotAsync(new() { Path = Path.Combine(PortalFixture.ArtifactsDirectory, $"51-details-route-diagram-{size}.png") });

            await page.GotoAsync($"/package?cycle={cycle}");
            var packageDiagram = page.Locator("#route-position svg.route-diagram[data-route=package]");
            await Assertions.Expect(packageDiagram).ToBeVisibleAsync();
            await Assertions.Expect(packageDiagram.Locator("g.route-stage.current")).ToHaveAttributeAsync("data-stage", "Collecting");
            await Assertions.Expect(packageDiagram.Locator("g.route-stage.current text")).ToContainTextAsync("汇总中");
            await Assertions.Expect(packageDiagram.Locator("g.route-stage.current text")).ToContainTextAsync("当前");
            await Assertions.Expect(packageDiagram.Locator("g.route-stage")).ToHaveCountAsync(Enum.GetValues<PackageStage>().Length);
            await AssertNoSidewaysScrollAsync(page);
            await page.Locator("#route-position").ScreenshotAsync(new() { Path = Path.Combine(PortalFixture.ArtifactsDirectory, $"52-package-route-diagram-{size}.png") });

            // /help draws both routes, with nothing marked current.
            await page.GotoAsync("/help");
            await Assertions.Expect(page.Locator("svg.route-diagram[data-route=package]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("svg.route-diagram g.route-stage.current")).ToHaveCountAsync(0);
            await AssertNoSidewaysScrollAsync(page);
            await PortalFixture.ScreenshotAsync(page, $"53-help-both-diagrams-{size}");
            await page.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task PackagePrint_StartsWithACoverOfTheTotals_ThenEachDeclarationOnANewPage()
    {
        const int cycle = 2032;
        await TestOrganisation.AddCycleAsync(portal.App.Services, cycle, new DateOnly(2031, 12, 19));
        var members = new List<Created>
        {
            await CreateAsync("drafter.gy", cycle, seed: 51, submit: true, accept: true),
            await CreateAsync("drafter.gy", cycle, seed: 52, submit: true, accept: true),
            await CreateAsync("drafter.xf", cycle, seed: 53, submit: true, accept: true),
            await CreateAsync("drafter.xf", cycle, seed: 54, submit: true),
            await CreateAsync("drafter.gy", cycle, seed: 56),
        };
        var excluded = await CreateAsync("drafter.xf", cycle, seed: 55, exclude: true);

        // What the cover must say, summed here from the forms this test made (不纳入汇总 is not part of the package).
        var sections = new Dictionary<string, string> { ["drafter.gy"] = "工业运行科", ["drafter.xf"] = "消费促进科" };
        var total = members.Sum(m => m.Form.CurrentYearAmountYuan ?? 0);
        var byType = members.GroupBy(m => m.Form.ProjectType!.Code).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.First().Form.ProjectType!.Name}|{g.Count()}|{WanYuan(g.Sum(m => m.Form.CurrentYearAmountYuan ?? 0))}").ToList();
        var bySection = members.GroupBy(m => sections[m.Drafter]).OrderBy(g => g.Key == "工业运行科" ? 0 : 1)
            .Select(g => $"{g.Key}|{g.Count()}|{WanYuan(g.Sum(m => m.Form.CurrentYearAmountYuan ?? 0))}").ToList();
        Assert.True(byType.Count >= 2, "the seeds give more than one 项目类型, so the roll-up by type is tested");

        foreach (var size in Sizes)
        {
            var page = await portal.SignInAsync("office");
            await page.SetViewportSizeAsync(size == "1366" ? 1366 : 390, size == "1366" ? 768 : 844);
            await page.GotoAsync($"/package?cycle={cycle}");
            await page.GetByRole(AriaRole.Link, new() { Name = "打印（封面汇总及各申报表）" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/package/print\\?cycle={cycle}$", RegexOptions.None, TimeSpan.FromSeconds(1)));

            var cover = page.Locator("article.package-cover");
            await Assertions.Expect(cover.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("二级项目支出绩效目标申报汇总表");
            await Assertions.Expect(cover.Locator("[data-cover=bureau]")).ToHaveTextAsync(members[0].Form.BudgetUnit);
            await Assertions.Expect(cover.Locator("[data-cover=cycle]")).ToContainTextAsync(cycle.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(cover.Locator("[data-cover=stage]")).ToHaveTextAsync("汇总中");
            await Assertions.Expect(cover.Locator("[data-cover=count]")).ToHaveTextAsync($"{members.Count} 张");
            await Assertions.Expect(cover.Locator("[data-cover=total]")).ToHaveTextAsync(WanYuan(total));
            Assert.Equal(byType, await RowsAsync(cover.Locator("[data-cover=by-type] tbody tr")));
            Assert.Equal(bySection, await RowsAsync(cover.Locator("[data-cover=by-section] tbody tr")));
            await Assertions.Expect(cover.Locator("[data-cover=by-type] tfoot")).ToContainTextAsync(WanYuan(total));
            await Assertions.Expect(cover.Locator(".cover-contents tbody tr")).ToHaveCountAsync(members.Count);
            await Assertions.Expect(cover).Not.ToContainTextAsync(excluded.Form.Name);
            // No technical notes: no checksum, no version numbers, no storage remarks.
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("SHA");
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("校验码");
            await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("系统按元存储");

            // Then each member's official form, each with the signature block, each from a new page.
            var sheets = page.Locator("article.declaration-sheet");
            await Assertions.Expect(sheets).ToHaveCountAsync(members.Count);
            foreach (var member in members)
            {
                var sheet = page.Locator($"article.declaration-sheet[data-declaration='{member.Id}']");
                await Assertions.Expect(sheet).ToContainTextAsync(member.Form.Name);
                await Assertions.Expect(sheet.Locator("table.sign-block")).ToContainTextAsync("填报单位（盖章）");
            }
            await AssertNoSidewaysScrollAsync(page);
            await PortalFixture.ScreenshotAsync(page, $"54-package-print-{size}");
            await cover.ScreenshotAsync(new() { Path = Path.Combine(PortalFixture.ArtifactsDirectory, $"55-package-print-cover-{size}.png") });
            await sheets.Nth(1).ScreenshotAsync(new() { Path = Path.Combine(PortalFixture.ArtifactsDirectory, $"57-package-print-second-form-{size}.png") });
            await page.EmulateMediaAsync(new() { Media = Media.Print });
            var breaks = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('main > article.sheet')].map(s => getComputedStyle(s).breakBefore)");
            Assert.Equal(["auto", .. Enumerable.Repeat("page", members.Count)], breaks);
            // Printed, the cover and the forms come out on more pages than there are forms (Chromium's own PDF).
            var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { Format = "A4", PrintBackground = true }));
            Assert.True(Regex.Count(pdf, "/Type\\s*/Page[^s]", RegexOptions.None, TimeSpan.FromSeconds(5)) > members.Count, "a page for the cover and at least one per form");
            await page.Context.DisposeAsync();
        }

        // Visible only to those who may see the package: a 科室 is refused; 区财政局 sees nothing not yet sent to it.
        var drafter = await portal.SignInAsync("drafter.gy");
        var refused = await drafter.GotoAsync($"/package/print?cycle={cycle}");
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(drafter.Locator("article.declaration-sheet")).ToHaveCountAsync(0);
        await drafter.Context.DisposeAsync();
        var finance = await portal.SignInAsync("finance");
        await finance.GotoAsync($"/package/print?cycle={cycle}");
        await Assertions.Expect(finance.Locator("[data-cover=count]")).ToHaveTextAsync("0 张");
        await Assertions.Expect(finance.Locator("article.declaration-sheet")).ToHaveCountAsync(0);
        await finance.Context.DisposeAsync();
    }

    [Fact]
    public async Task DeclarationList_ShowsOneStatusPerRow_WithWhoReturnedIt_AndTheStageAsItsTooltip()
    {
        const int cycle = 2033;
        await TestOrganisation.AddCycleAsync(portal.App.Services, cycle, new DateOnly(2032, 12, 17));
        var waiting = await CreateAsync("drafter.gy", cycle, seed: 61, submit: true);
        var returned = await CreateAsync("drafter.gy", cycle, seed: 62, submit: true, returnIt: true);
        var consolidated = await CreateAsync("drafter.xf", cycle, seed: 63, submit: true, accept: true);

        foreach (var size in Sizes)
        {
            var page = await portal.SignInAsync("office");
            await page.SetViewportSizeAsync(size == "1366" ? 1366 : 390, size == "1366" ? 768 : 844);
            await page.GotoAsync($"/declarations?cycle={cycle}");
            var rows = page.Locator("table.declarations tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(3);
            await Assertions.Expect(page.Locator("table.declarations .badge.stage")).ToHaveCountAsync(0);
            foreach (var (created, status, stage) in new[]
                     {
                         (waiting, "待办公室审核", "办公室审核"), (returned, "已退回", "科室起草"), (consolidated, "已纳入汇总", "已纳入汇总"),
                     })
            {
                var progress = rows.Filter(new() { HasText = created.Form.Name }).Locator("td.progress");
                await Assertions.Expect(progress.Locator(".badge")).ToHaveCountAsync(1);
                await Assertions.Expect(progress.Locator(".badge.status")).ToHaveTextAsync(status);
                await Assertions.Expect(progress.Locator(".badge.status")).ToHaveAttributeAsync("title", "当前环节：" + stage);
            }
            var returnedRow = rows.Filter(new() { HasText = returned.Form.Name }).Locator("td.progress");
            await Assertions.Expect(returnedRow.Locator(".badge.status.returned")).ToBeVisibleAsync();
            await Assertions.Expect(returnedRow).ToContainTextAsync("陈主任 于");
            await Assertions.Expect(page.Locator("table.declarations thead")).ToContainTextAsync("状态");
            // The stage stays a filter.
            await Assertions.Expect(page.GetByLabel("阶段")).ToBeVisibleAsync();
            await PortalFixture.ScreenshotAsync(page, $"56-list-one-status-{size}");
            await page.Context.DisposeAsync();
        }
    }

    private sealed record Created(Guid Id, string Drafter, DeclarationForm Form);

    /// <summary>A generated form created by <paramref name="drafter"/>, then moved along the route as asked.</summary>
    private async Task<Created> CreateAsync(
        string drafter, int cycle, int seed, bool submit = false, bool accept = false, bool returnIt = false, bool exclude = false)
    {
        using var scope = portal.App.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PerfWorkflowDbContext>();
        var workflow = services.GetRequiredService<DeclarationWorkflow>();
        var section = Actor.From(db.Users.Single(u => u.UserName == drafter));
        var office = Actor.From(db.Users.Single(u => u.UserName == "office"));
        var form = new DeclarationGenerator(services.GetRequiredService<IOptions<DeclarationRulesOptions>>().Value.ForBudgetYear(cycle)).Generate(seed, 1, 0).Single().Form;

        var created = Assert.IsType<ActionOutcome.Done>(await workflow.CreateAsync(section, cycle, form, CancellationToken.None));
        var id = created.Declaration!.Id;
        async Task Act(Actor actor, string action, ActionRequest request) =>
            Assert.IsType<ActionOutcome.Done>(await workflow.ActAsync(actor, id, action, request, null, CancellationToken.None));
        if (submit)
        {
            await Act(section, ActionNames.Submit, new ActionRequest());
        }
        if (accept)
        {
            await Act(office, ActionNames.Accept, new ActionRequest());
        }
        if (returnIt)
        {
            await Act(office, ActionNames.Return, new ActionRequest { Comment = "请补充测算依据。" });
        }
        if (exclude)
        {
            await Act(office, ActionNames.Exclude, new ActionRequest { Reason = "本年度不再安排。" });
        }
        return new Created(id, drafter, form);
    }

    /// <summary>A totals table's body rows as "label|count|amount".</summary>
    private static async Task<List<string>> RowsAsync(ILocator rows) =>
        (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()).join('|'))")).ToList();

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide on a {widths[1]} px screen: it scrolls sideways.");
    }

    private static string WanYuan(decimal yuan) => DisplayFormat.WanYuan(yuan);
}
