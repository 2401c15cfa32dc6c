using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using PerfWorkflow.Api.Hosting;
using PerfWorkflow.Api.Tests.Pages;

namespace PerfWorkflow.Api.Tests.Security;

/// <summary>Security headers on pages, API answers and /act links; the embedded profile stays on loopback (docs/security.md).</summary>
public sealed class HeadersAndExposureTests
{
    [Theory]
    [InlineData("/login")]
    [InlineData("/api/auth/me")]
    [InlineData("/act/not-a-token")]
    [InlineData("/css/site.css")]
    [InlineData("/declarations")]
    public async Task EveryAnswer_CarriesCspWithoutInlineScripts_Nosniff_ReferrerPolicy_AndNoFraming(string path)
    {
        await using var app = new PortalApp();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scripts);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task EveryPage_HasNoInlineScriptsOrHandlers()
    {
        await using var app = new PortalApp();
        var draft = await app.FirstDeclarationOfAsync("gy");
        using var office = await app.SignInAsync("office");
        // "/" only redirects the office to /tasks; the pages themselves are checked.
        await AssertNoInlineScriptsAsync(office, "/tasks", "/declarations", "/dashboard", "/package", "/help", "/imports",
            $"/declarations/{draft.Id}", $"/declarations/{draft.Id}/print", $"/declarations/{draft.Id}/history", "/package/print");
        // The drafter's editor carries the most script (autosave, rows, 不适用): all of it from files.
        var editable = await app.WithDomainAsync((db, _) => db.Declarations.AsNoTracking()
            .Where(d => d.SectionId == "gy" && d.Stage == Workflows.Route.DeclarationStage.Draft).OrderBy(d => d.Code).FirstAsync());
        using var drafter = await app.SignInAsync("drafter.gy");
        await AssertNoInlineScriptsAsync(drafter, "/declarations/new", "/imports", $"/declarations/{editable.Id}/edit");
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        await AssertNoInlineScriptsAsync(anonymous, "/login");
    }

    private static async Task AssertNoInlineScriptsAsync(HttpClient client, params string[] paths)
    {
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
        }
    }

    [Theory]
    [InlineData(null, null, "http://localhost:5000")]
    [InlineData(null, "8080", "http://localhost:8080")]
    [InlineData("http://0.0.0.0:5000", "8080", "http://0.0.0.0:5000")]
    public void EmbeddedProfile_ListensOnLoopback_UnlessToldOtherwise(string? urls, string? httpPorts, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls, ["http_ports"] = httpPorts })
            .Build();

        Assert.Equal(expected, EmbeddedExposure.ListenUrls(configuration));
    }
}
