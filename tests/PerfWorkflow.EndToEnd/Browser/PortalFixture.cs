using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using PerfWorkflow.EndToEnd.Infrastructure;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>
/// The portal on a real Kestrel socket in the production profile (PostgreSQL, RabbitMQ, SMTP), driven by Debian's
/// Chromium through Playwright. The clock is a FakeTimeProvider so a test can move past a due date.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    public TestDatabase Database { get; private set; } = null!;

    public SmtpTestServer Smtp { get; private set; } = null!;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    // 2026-11-26 09:00 in Shenzhen, held in UTC: Npgsql accepts only offset 0 in raw SQL parameters.
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero));

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    private static readonly Regex LoginUrl = new("/login", RegexOptions.None, TimeSpan.FromSeconds(1));

    public static string ArtifactsDirectory { get; } = Path.Combine(RepositoryRoot(), "tests", "artifacts");

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Smtp = SmtpTestServer.Start();
        App = new ProductionApp(Database, Smtp, new Dictionary<string, string?> { ["Declarations:BudgetYear"] = "2027" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        await TestOrganisation.SeedAsync(App.Services);
        await TestOrganisation.AddCycleAsync(App.Services, 2027, new DateOnly(2026, 12, 18));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ArtifactsDirectory);

        // The test projects run in parallel on two cores in CI; 5 s (Playwright's default) is too tight for a page
        // that waits on PostgreSQL while other test hosts build and run. A real failure still fails, only later.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A fresh browser context (own cookies) at 1366×768, signed in as <paramref name="userName"/>.</summary>
    public async Task<IPage> SignInAsync(string userName)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "zh-CN",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(TestOrganisation.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        // Polling assertions, not WaitForURLAsync: that one also waits for the page's "load" lifecycle event, which
        // Playwright sometimes misses when the redirect after the POST commits quickly (seen once in CI: 30 s timeout
        // on a page that had long finished loading). The header's logout button proves the session cookie works.
        await Assertions.Expect(page).Not.ToHaveURLAsync(LoginUrl);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "退出" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>A full-page screenshot under tests/artifacts (not committed), for a person to look at.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, name + ".png"), FullPage = true });

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PerfWorkflow.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("PerfWorkflow.sln not found");
    }
}
