using Microsoft.Playwright;

namespace PerfWorkflow.EndToEnd.Browser;

public sealed class LoginPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task WrongPassword_StaysOnLogin_WithAChineseMessage()
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByLabel("用户名").FillAsync("office");
        await page.GetByLabel("密码").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(PerfWorkflow.Api.Auth.SignInMessages.Refused);
        await PortalFixture.ScreenshotAsync(page, "00-login-error");
        await context.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_ShowsTheUserRoleAndSection_InTheHeader()
    {
        var page = await portal.SignInAsync("drafter.gy");
        await page.GotoAsync("/help");

        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync("张工");
        await Assertions.Expect(page.Locator(".who")).ToContainTextAsync("科室经办人 · 工业运行科");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主导航" })).ToContainTextAsync("我的申报");
        await Assertions.Expect(page.GetByRole(AriaRole.Table).First).ToContainTextAsync("办公室纳入汇总");
        await PortalFixture.ScreenshotAsync(page, "01-help-route");
        await page.Context.DisposeAsync();
    }
}
