using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace PerfWorkflow.Api.Tests.Hosting;

public sealed class EmbeddedProfileTests
{
    [Fact]
    public async Task App_Boots_WithNothingConfigured_AndIsReady()
    {
        await using var app = new EmbeddedApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health/ready");
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", report.GetProperty("entries").GetProperty("database").GetProperty("status").GetString());
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "perfworkflow.db")), "the SQLite file is created on first start");
    }

    [Fact]
    public async Task Live_Answers_WithoutRunningChecks()
    {
        await using var app = new EmbeddedApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Bus_SendsNoUsageTelemetry_ToOutsideHosts()
    {
        await using var app = new EmbeddedApp();
        _ = app.Server;

        var telemetry = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MassTransit.UsageTelemetryOptions>>().Value;

        Assert.False(telemetry.Enabled, "MassTransit's usage telemetry calls usage-tracking.masstransit.io; an intranet app must not");
    }
}

public sealed class AdminEndpointAccessTests
{
    [Theory]
    [InlineData(null, System.Net.HttpStatusCode.Unauthorized)]
    [InlineData("drafter.gy", System.Net.HttpStatusCode.Forbidden)]
    [InlineData("office", System.Net.HttpStatusCode.Forbidden)]
    [InlineData("admin", System.Net.HttpStatusCode.OK)]
    public async Task DeadLetters_AreForAdminsOnly(string? user, System.Net.HttpStatusCode expected)
    {
        await using var app = new EmbeddedApp();
        using var client = app.CreateClient();
        if (user is not null)
        {
            using var login = await client.PostAsync("/api/auth/login",
                System.Net.Http.Json.JsonContent.Create(new { userName = user, password = "Demo#2024" }));
            login.EnsureSuccessStatusCode();
        }

        using var response = await client.GetAsync("/api/admin/dead-letters");

        Assert.Equal(expected, response.StatusCode);
    }
}

public sealed class ApiDocsTests
{
    [Fact]
    public async Task ApiDocs_ListsTheEndpoints_AndLinksTheOpenApiDocument()
    {
        await using var app = new EmbeddedApp();
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/api/docs");
        using var openApi = await client.GetAsync("/openapi/v1.json");
        var document = await openApi.Content.ReadAsStringAsync();

        Assert.Contains("/api/declarations/{id:guid}/actions/{action}", html, StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("/api/declarations/{id}/actions/{action}", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheAnswers_OfTheDeclarationEndpoints()
    {
        await using var app = new EmbeddedApp();
        using var client = app.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        JsonElement Responses(string path, string method) => paths.GetProperty(path).GetProperty(method).GetProperty("responses");
        static bool HasSchema(JsonElement response, string contentType) =>
            response.TryGetProperty("content", out var content) && content.TryGetProperty(contentType, out var media) && media.TryGetProperty("schema", out _);

        var get = Responses("/api/declarations/{id}", "get");
        Assert.True(HasSchema(get.GetProperty("200"), "application/json"), "GET /api/declarations/{id} documents its 200 body");
        Assert.True(HasSchema(get.GetProperty("404"), "application/problem+json"), "GET documents 404 as ProblemDetails");
        Assert.True(HasSchema(get.GetProperty("403"), "application/problem+json"), "GET documents 403 as ProblemDetails");
        var act = Responses("/api/declarations/{id}/actions/{action}", "post");
        Assert.True(HasSchema(act.GetProperty("200"), "application/json"));
        foreach (var status in new[] { "400", "403", "404", "409", "422" })
        {
            Assert.True(act.TryGetProperty(status, out var refused) && HasSchema(refused, "application/problem+json"),
                $"POST …/actions/{{action}} documents {status}");
        }
        var workbook = Responses("/api/declarations/{id}/xlsx", "get");
        Assert.True(workbook.GetProperty("200").GetProperty("content").TryGetProperty(Workflows.Export.DeclarationWorkbook.ContentType, out _));
        Assert.True(workbook.TryGetProperty("403", out _) && workbook.TryGetProperty("404", out _));
    }
}
