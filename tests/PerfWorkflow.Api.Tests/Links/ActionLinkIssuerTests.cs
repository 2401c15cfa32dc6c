using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Api.Hosting;
using PerfWorkflow.Api.Links;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Notifications.Links;

namespace PerfWorkflow.Api.Tests.Links;

public sealed class ActionLinkIssuerTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 9, 28, 9, 0, 0, TimeSpan.FromHours(8)));

    [Fact]
    public void IssuedLink_ReadsBackWithEveryBoundValue_UnderThePublicBaseUrl()
    {
        var issuer = Issuer(new EphemeralDataProtectionProvider());
        var (task, recipient, declaration) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var link = issuer.IssueActionLink(task, "accept", recipient, declaration, 7);
        var (state, token) = issuer.Read(link.Segments[^1]);

        Assert.StartsWith("https://jx.example.cn/act/", link.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(ActionLinkState.Valid, state);
        Assert.Equal((task, "accept", recipient, declaration, 7), (token!.TaskId, token.Action, token.RecipientId, token.DeclarationId, token.DeclarationVersion));
        Assert.Equal(_clock.GetUtcNow().AddDays(7), token.ExpiresAt);
    }

    [Fact]
    public void Link_IsExpired_OnceTheLifetimeHasPassed()
    {
        var issuer = Issuer(new EphemeralDataProtectionProvider());
        var token = issuer.IssueActionLink(Guid.NewGuid(), "approve", Guid.NewGuid(), Guid.NewGuid(), 3).Segments[^1];

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        var justBefore = issuer.Read(token).State;
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(ActionLinkState.Valid, justBefore);
        Assert.Equal(ActionLinkState.Expired, issuer.Read(token).State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("!!!not base64!!!")]
    public void Garbage_ReadsAsInvalid(string text)
    {
        Assert.Equal(ActionLinkState.Invalid, Issuer(new EphemeralDataProtectionProvider()).Read(text).State);
    }

    [Fact]
    public void Link_FromAnotherKeyRing_ReadsAsInvalid()
    {
        var token = Issuer(new EphemeralDataProtectionProvider()).IssueActionLink(Guid.NewGuid(), "accept", Guid.NewGuid(), Guid.NewGuid(), 1).Segments[^1];

        Assert.Equal(ActionLinkState.Invalid, Issuer(new EphemeralDataProtectionProvider()).Read(token).State);
    }

    [Fact]
    public void PortalLink_JoinsThePathToTheBaseAddress()
    {
        var link = Issuer(new EphemeralDataProtectionProvider()).PortalLink("/declarations/42");

        Assert.Equal("https://jx.example.cn/declarations/42", link.AbsoluteUri);
    }

    [Fact]
    public async Task Host_RegistersTheDataProtectionIssuer_ForTheMailConsumers()
    {
        await using var app = new EmbeddedApp();

        Assert.IsType<ActionLinkIssuer>(app.Services.GetRequiredService<IActionLinkIssuer>());
    }

    [Fact]
    public async Task ActionPages_AreRateLimitedPerAddress_WithAChinesePage()
    {
        await using var app = new EmbeddedApp();
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("ActionLinks:PermitsPerMinute", "3"));
        using var client = EmbeddedApp.CreateDiagnosedClient(limited, app.Errors);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.GetAsync("/act/not-a-token");
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("请求过于频繁", await DevMailTests.TextOf(last!), StringComparison.Ordinal);
        last!.Dispose();
    }

    private ActionLinkIssuer Issuer(IDataProtectionProvider protection) =>
        new(protection, Options.Create(new ActionLinkOptions()), new HostingOptions { PublicBaseUrl = "https://jx.example.cn/" }, _clock);
}
