using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace PerfWorkflow.Api.Tests.Hosting;

/// <summary>
/// The client address in the audit trail, on a real socket (loopback): X-Forwarded-For counts only when it comes from a
/// configured proxy, so a client cannot forge its address and a proxy does not hide every user behind its own.
/// </summary>
public sealed class ReverseProxyTests
{
    private const string ClientBehindProxy = "10.20.30.40";

    [Theory]
    [InlineData(null, "127.0.0.1")]
    [InlineData("127.0.0.1", ClientBehindProxy)]
    [InlineData("127.0.0.0/8", ClientBehindProxy)]
    [InlineData("10.0.0.0/8", "127.0.0.1")]
    public async Task Audit_RecordsTheForwardedAddress_OnlyFromAConfiguredProxy(string? knownProxy, string expectedIp)
    {
        await using var app = new EmbeddedApp();
        await using var factory = app.WithWebHostBuilder(b =>
        {
            if (knownProxy is not null)
            {
                b.UseSetting("ReverseProxy:KnownProxies:0", knownProxy);
            }
        });
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var drafter = new HttpClient(handler) { BaseAddress = new Uri(address) };
        drafter.DefaultRequestHeaders.Add("X-Forwarded-For", ClientBehindProxy);
        using (var login = await drafter.PostAsJsonAsync("/api/auth/login", new { userName = "drafter.gy", password = "Demo#2024" }))
        {
            login.EnsureSuccessStatusCode();
        }
        var draft = (await drafter.GetFromJsonAsync<JsonArray>("/api/declarations?stage=Draft"))!.First()!;
        var id = draft["id"]!.GetValue<Guid>();

        using (var submit = await drafter.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        }

        var history = (await drafter.GetFromJsonAsync<JsonArray>($"/api/declarations/{id}/history"))!;
        var submitted = Assert.Single(history, e => e!["action"]!.GetValue<string>() == "submit")!;
        Assert.Equal(expectedIp, submitted["ip"]!.GetValue<string>());
    }
}
