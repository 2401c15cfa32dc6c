using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Api.Tests.Pages;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Tests.Security;

/// <summary>Cookie-authenticated API writes: JSON only, and never from another origin or site (docs/security.md).</summary>
public sealed class ApiCsrfTests
{
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("text/plain", null, null)]
    [InlineData("application/x-www-form-urlencoded", null, null)]
    [InlineData("multipart/form-data; boundary=x", null, null)]
    [InlineData("application/json", "https://evil.example", null)]
    [InlineData("application/json", "null", null)]
    [InlineData("application/json", null, "cross-site")]
    [InlineData("application/json", null, "same-site")]
    [InlineData(null, "https://evil.example", "cross-site")]
    public async Task Submit_IsRefused_AndNothingMoves_ForACrossSiteLookingRequest(string? contentType, string? origin, string? fetchSite)
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var draft = await app.FirstDeclarationOfAsync("gy");

        using var response = await drafter.SendAsync(Post($"/api/declarations/{draft.Id}/actions/submit", contentType, origin, fetchSite));

        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnsupportedMediaType, $"answered {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DeclarationStage.Draft, (await app.FirstDeclarationOfAsync("gy")).Stage);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("http://localhost", null)]
    [InlineData("http://localhost", "same-origin")]
    [InlineData(null, "none")]
    public async Task Submit_Works_AsSameOriginJson_OrJsonWithoutOrigin(string? origin, string? fetchSite)
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var draft = await app.FirstDeclarationOfAsync("gy");

        using var response = await drafter.SendAsync(Post($"/api/declarations/{draft.Id}/actions/submit", "application/json", origin, fetchSite));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(DeclarationStage.Draft, (await app.FirstDeclarationOfAsync("gy")).Stage);
    }

    [Fact]
    public async Task Logout_FromAnotherSite_IsRefused_AndTheSessionStays()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");

        using var response = await drafter.SendAsync(Post("/api/auth/logout", null, "https://evil.example", "cross-site"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await drafter.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task AnOriginListedInSettings_MayWrite()
    {
        await using var app = new PortalApp();
        await using var factory = app.Factory.WithWebHostBuilder(b =>
            b.UseSetting("Security:AllowedOrigins:0", "https://jx.example.gov.cn"));
        using var client = EmbeddedApp.CreateDiagnosedClient(factory, app.Errors, new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { userName = "drafter.gy", password = PortalApp.DemoPassword }),
        };
        login.Headers.Add("Origin", "https://jx.example.gov.cn");
        login.Headers.Add("Sec-Fetch-Site", "same-site");

        using var response = await client.SendAsync(login);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage Post(string path, string? contentType, string? origin, string? fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (contentType is not null)
        {
            request.Content = new StringContent("", Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }
        return request;
    }
}
