using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Api.Tests.Pages;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Api.Tests.Security;

/// <summary>Brute force: lockout, a per-address limit, and no way to tell an unknown name from a wrong password.</summary>
public sealed class SignInTests
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_TheRightOneIsRefused_UntilTheLockoutEnds()
    {
        await using var app = new PortalApp();
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "office", "wrong-" + i)).StatusCode);
        }

        using var locked = await LoginAsync(client, "office", PortalApp.DemoPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(SignInMessages.Refused, await DetailAsync(locked));

        app.Advance(TimeSpan.FromMinutes(16));
        using var later = await LoginAsync(client, "office", PortalApp.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task UnknownUser_AndWrongPassword_GetTheSameAnswer_AndTheSamePasswordHashWork()
    {
        var hasher = new CountingHasher();
        await using var app = new PortalApp();
        await using var factory = app.Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)));
        using var client = EmbeddedApp.CreateDiagnosedClient(factory, app.Errors);
        _ = factory.Server;

        var before = hasher.Verifications;
        using var unknown = await LoginAsync(client, "nobody.here", "whatever");
        var unknownWork = hasher.Verifications - before;
        before = hasher.Verifications;
        using var wrong = await LoginAsync(client, "office", "whatever");
        var wrongWork = hasher.Verifications - before;

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(await DetailAsync(wrong), await DetailAsync(unknown));
        Assert.Equal(1, wrongWork);
        Assert.Equal(wrongWork, unknownWork);
    }

    [Fact]
    public async Task OneAddress_IsLimited_PerMinute_WithAChineseAnswer_OnTheApiAndTheLoginPage()
    {
        await using var app = new PortalApp();
        await using var factory = app.Factory.WithWebHostBuilder(b => b.UseSetting("Auth:LoginPermitsPerMinute", "3"));
        using var client = EmbeddedApp.CreateDiagnosedClient(factory, app.Errors, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "nobody" + i, "x")).StatusCode);
        }

        using var api = await LoginAsync(client, "office", PortalApp.DemoPassword);
        using var page = await PortalApp.PostFormAsync(client, "/login", "/login", new() { ["UserName"] = "office", ["Password"] = PortalApp.DemoPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Equal(SignInMessages.Throttled, await DetailAsync(api));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Contains(SignInMessages.Throttled, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPage_ShowsTheOneRefusalMessage()
    {
        await using var app = new PortalApp();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var page = await PortalApp.PostFormAsync(client, "/login", "/login", new() { ["UserName"] = "nobody", ["Password"] = "x" });

        Assert.Contains(SignInMessages.Refused, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/login", new { userName, password });

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();

    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
