using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Notifications.Links;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>The pages a leader uses on a phone, at 390×844: none scrolls sideways, the actions are on the page (issue 14).</summary>
public sealed class PhoneLayoutTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task LeadersAndOfficePages_FitA390PixelScreen_WithoutHorizontalScroll()
    {
        var (declaration, link) = await SubmittedWithAcceptLinkAsync();
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(), ViewportSize = Phone, Locale = "zh-CN", IsMobile = true, HasTouch = true,
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/login");
        await AssertFitsAsync(page, "30-phone-login");

        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "确认纳入汇总" })).ToBeVisibleAsync();
        await AssertFitsAsync(page, "31-phone-act");

        await page.GotoAsync("/login");
        await page.GetByLabel("用户名").FillAsync("office");
        await page.GetByLabel("密码").FillAsync(TestOrganisation.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();

        await page.GotoAsync("/tasks");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("待办/已办");
        await AssertFitsAsync(page, "32-phone-tasks");

        await page.GotoAsync($"/declarations/{declaration.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "纳入汇总" }).First).ToBeVisibleAsync();
        await AssertFitsAsync(page, "33-phone-review");

        await page.GotoAsync("/declarations");
        await AssertFitsAsync(page, "34-phone-list");

        await page.GotoAsync("/package");
        await AssertFitsAsync(page, "35-phone-package");
        await context.DisposeAsync();
    }

    [Fact]
    public async Task PrintView_EndsWithTheOfficialSignatureBlock()
    {
        var (declaration, _) = await SubmittedWithAcceptLinkAsync();
        var page = await portal.SignInAsync("office");

        await page.GotoAsync($"/declarations/{declaration.Id}/print");

        var block = page.Locator("table.sign-block");
        await Assertions.Expect(block).ToContainTextAsync("填报单位（盖章）");
        await Assertions.Expect(block).ToContainTextAsync("单位负责人");
        await Assertions.Expect(block).ToContainTextAsync("联系电话");
        await Assertions.Expect(page.Locator(".sheet")).Not.ToContainTextAsync("系统按元存储");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await PortalFixture.ScreenshotAsync(page, "36-print-official-block");
        await page.Context.DisposeAsync();
    }

    /// <summary>The document is no wider than the screen (wide tables scroll inside their own box), with a screenshot to look at.</summary>
    private static async Task AssertFitsAsync(IPage page, string screenshot)
    {
        await PortalFixture.ScreenshotAsync(page, screenshot);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2],
            $"{page.Url} is {widths[0]}/{widths[1]} px wide on a {widths[2]} px screen: it scrolls sideways.");
    }

    private async Task<(Declaration Declaration, string Link)> SubmittedWithAcceptLinkAsync()
    {
        using var scope = portal.App.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PerfWorkflowDbContext>();
        var workflow = services.GetRequiredService<DeclarationWorkflow>();
        var drafter = Actor.From(db.Users.Single(u => u.UserName == "drafter.gy"));
        var office = db.Users.Single(u => u.UserName == "office");
        var form = new DeclarationGenerator(services.GetRequiredService<IOptions<DeclarationRulesOptions>>().Value).Generate(11, 1, 0).Single().Form;

        var created = (ActionOutcome.Done)await workflow.CreateAsync(drafter, 2027, form, CancellationToken.None);
        var submitted = (ActionOutcome.Done)await workflow.ActAsync(drafter, created.Declaration!.Id, ActionNames.Submit, new ActionRequest(), null, CancellationToken.None);
        var declaration = submitted.Declaration!;
        var task = db.Tasks.Single(t => t.DeclarationId == declaration.Id && t.CompletedAt == null);
        var link = services.GetRequiredService<IActionLinkIssuer>().IssueActionLink(task.Id, ActionNames.Accept, office.Id, declaration.Id, declaration.Version);
        return (declaration, link.PathAndQuery);
    }
}
