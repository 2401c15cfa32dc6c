using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PerfWorkflow.Notifications.Links;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>An email action link opened in a real browser with no portal session: confirm, then act.</summary>
public sealed class ActionLinkPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task ConfirmationPage_ShowsTheKeyFigures_AndActsOnlyWhenTheButtonIsPressed()
    {
        var (declaration, link) = await SubmittedWithAcceptLinkAsync();
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString(), Locale = "zh-CN" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("确认操作：纳入汇总");
        await Assertions.Expect(page.Locator(".act-figures")).ToContainTextAsync(declaration.Code);
        await Assertions.Expect(page.Locator(".act-figures")).ToContainTextAsync("办公室审核");
        await PortalFixture.ScreenshotAsync(page, "20-action-link-confirm");
        Assert.Equal(DeclarationStage.OfficeReview, await StageAsync(declaration.Id));

        await page.GetByRole(AriaRole.Button, new() { Name = "确认纳入汇总" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("已办理");
        await PortalFixture.ScreenshotAsync(page, "21-action-link-done");
        Assert.Equal(DeclarationStage.Consolidated, await StageAsync(declaration.Id));

        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("链接已使用");
        await PortalFixture.ScreenshotAsync(page, "22-action-link-used");
        await context.DisposeAsync();
    }

    private async Task<(Declaration Declaration, string Link)> SubmittedWithAcceptLinkAsync()
    {
        using var scope = portal.App.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PerfWorkflowDbContext>();
        var workflow = services.GetRequiredService<DeclarationWorkflow>();
        var drafter = Actor.From(db.Users.Single(u => u.UserName == "drafter.gy"));
        var office = db.Users.Single(u => u.UserName == "office");
        var form = new DeclarationGenerator(services.GetRequiredService<IOptions<DeclarationRulesOptions>>().Value).Generate(7, 1, 0).Single().Form;

        var created = (ActionOutcome.Done)await workflow.CreateAsync(drafter, 2027, form, CancellationToken.None);
        var submitted = (ActionOutcome.Done)await workflow.ActAsync(drafter, created.Declaration!.Id, ActionNames.Submit, new ActionRequest(), null, CancellationToken.None);
        var declaration = submitted.Declaration!;
        var task = db.Tasks.Single(t => t.DeclarationId == declaration.Id && t.CompletedAt == null);
        var link = services.GetRequiredService<IActionLinkIssuer>().IssueActionLink(task.Id, ActionNames.Accept, office.Id, declaration.Id, declaration.Version);
        return (declaration, link.PathAndQuery);
    }

    private async Task<DeclarationStage> StageAsync(Guid id)
    {
        using var scope = portal.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        return (await db.Declarations.FindAsync(id))!.Stage;
    }
}
