using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PerfWorkflow.Api.Tests.Pages;

namespace PerfWorkflow.Api.Tests.Declarations;

/// <summary><c>GET /api/declarations</c> is paged, never cut silently: a page with more after it links the next one.</summary>
public sealed class DeclarationListApiTests
{
    [Fact]
    public async Task List_IsPaged_AndTheNextLinkLeadsThroughTheWholeList_InOrder()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");
        var whole = await IdsAsync(office, "/api/declarations");
        Assert.True(whole.Count >= 3, $"the demo has {whole.Count} declarations");

        var paged = new List<string>();
        var next = "/api/declarations?pageSize=2";
        var pages = 0;
        while (next is not null)
        {
            using var response = await office.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
            Assert.InRange(page.Length, 1, 2);
            paged.AddRange(page.Select(d => d.GetProperty("id").GetString()!));
            next = response.Headers.TryGetValues("Link", out var link)
                ? System.Text.RegularExpressions.Regex.Match(link.Single(), "^<([^>]+)>; rel=\"next\"$").Groups[1].Value
                : null;
            pages++;
        }

        Assert.Equal(whole, paged);
        Assert.Equal((whole.Count + 1) / 2, pages);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=2001")]
    public async Task List_RefusesAPageOutOfRange(string query)
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");

        using var response = await office.GetAsync($"/api/declarations?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.False(response.Headers.Contains("Link"), "the whole demo fits one default page");
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(d => d.GetProperty("id").GetString()!)];
    }
}
