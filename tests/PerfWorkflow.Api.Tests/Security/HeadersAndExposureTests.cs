using System.Net;
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
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scripts = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scripts);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task PagesOtherThanTheEditor_HaveNoInlineScriptsOrHandlers()
    {
        // The editor (Pages/Declarations/Edit.cshtml) is another issue's to change; every other page is checked here.
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");
        var draft = await app.FirstDeclarationOfAsync("gy");
        foreach (var path in new[] { "/", "/tasks", "/declarations", "/dashboard", "/package", "/help", $"/declarations/{draft.Id}", $"/declarations/{draft.Id}/print", $"/declarations/{draft.Id}/history" })
        {
            using var response = await office.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Redirect && path != $"/declarations/{draft.Id}/print")
            {
                continue;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
