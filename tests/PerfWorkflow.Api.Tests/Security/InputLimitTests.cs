using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfWorkflow.Api.Tests.Pages;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;

namespace PerfWorkflow.Api.Tests.Security;

/// <summary>Oversize and mistyped input is a clear 400/413 ProblemDetails naming the field, never a 500 (docs/security.md).</summary>
public sealed class InputLimitTests
{
    [Theory]
    [InlineData("cycleYear", "\"abc\"")]
    [InlineData("cycleYear", "1.5")]
    [InlineData("cycleYear", "{}")]
    [InlineData("periodYears", "\"三年\"")]
    public async Task Create_WithAWrongJsonType_Answers400_NamingTheField(string field, string json)
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var body = ValidBody();
        body[field] = JsonNode.Parse(json);

        using var response = await drafter.PostAsJsonAsync("/api/declarations", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await DetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_WithAWrongJsonType_Answers400_NamingTheField()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var draft = await app.FirstDeclarationOfAsync("gy");

        using var response = await drafter.PostAsync($"/api/declarations/{draft.Id}/actions/submit",
            new StringContent("{\"expectedVersion\":\"abc\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expectedVersion", await DetailAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAFieldOverItsLimit_Answers400_AndWithTooManyRows_Too()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var longName = ValidBody();
        longName["name"] = new string('长', 20_000);
        var manyRows = ValidBody();
        var rows = manyRows["indicators"]!.AsArray();
        var row = rows[0]!.ToJsonString();
        while (rows.Count <= 60)
        {
            rows.Add(JsonNode.Parse(row));
        }
        var count = await app.WithDomainAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Declarations));

        using var name = await drafter.PostAsJsonAsync("/api/declarations", longName);
        using var indicators = await drafter.PostAsJsonAsync("/api/declarations", manyRows);

        Assert.Equal(HttpStatusCode.BadRequest, name.StatusCode);
        Assert.Contains("name", await DetailAsync(name), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, indicators.StatusCode);
        Assert.Contains("indicators", await DetailAsync(indicators), StringComparison.Ordinal);
        Assert.Equal(count, await app.WithDomainAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Declarations)));
    }

    [Fact]
    public async Task Create_WithABodyOverOneMegabyte_Answers413()
    {
        await using var app = new PortalApp();
        using var drafter = await app.SignInAsync("drafter.gy");
        var body = ValidBody();
        body["policyBasis"] = new string('x', 2 * 1024 * 1024);

        // With its length announced, as browsers send it; a chunked body is cut at the same size by Kestrel.
        using var response = await drafter.PostAsync("/api/declarations", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static JsonObject ValidBody()
    {
        var form = new DeclarationGenerator(new DeclarationRulesOptions()).Generate(7, 1, 0).Single().Form;
        var body = JsonSerializer.SerializeToNode(form, DeclarationJson.Options)!.AsObject();
        body["cycleYear"] = 2027;
        return body;
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString() ?? "";
}
