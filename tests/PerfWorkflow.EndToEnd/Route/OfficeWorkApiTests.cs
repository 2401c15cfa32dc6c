using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.EndToEnd.Route;

/// <summary>The office's daily work through the API on the real PostgreSQL (issue 14): batch actions, search, 催办.</summary>
public sealed class OfficeWorkApiTests(RouteFixture fx) : IClassFixture<RouteFixture>
{
    [Fact]
    public async Task BatchAccept_OfFive_WithOneStaleVersion_DoesFour_AndReportsTheStaleOne()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var submitted = new List<(Guid Id, int Version)>();
        for (var i = 0; i < 5; i++)
        {
            var id = Id(await RouteFixture.CreateAsync(drafter, cycle));
            var after = await ActOk(drafter, id, "submit", new { });
            submitted.Add((id, after["version"]!.GetValue<int>()));
        }
        // Someone else claims the third one after the office loaded its list: its version moves on.
        using var office2 = await fx.LoginAsync("office2");
        await ActOk(office2, submitted[2].Id, "claim", new { });

        var answer = await BatchOk(office, "accept", new
        {
            items = submitted.Select(s => new { id = s.Id, expectedVersion = s.Version }),
            comment = "材料齐全",
        });

        var results = answer["results"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(submitted.Select(s => s.Id), results.Select(r => r["id"]!.GetValue<Guid>()));
        Assert.Equal([true, true, false, true, true], results.Select(r => r["ok"]!.GetValue<bool>()));
        Assert.All(results.Where(r => r["ok"]!.GetValue<bool>()), r => Assert.Equal("Consolidated", r["stage"]!.GetValue<string>()));
        var stale = results[2];
        Assert.Equal("OfficeReview", stale["stage"]!.GetValue<string>());
        Assert.Equal(409, stale["problem"]!["status"]!.GetValue<int>());
        Assert.Contains("周干事", stale["problem"]!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var ids = submitted.Select(s => s.Id).ToList();
        Assert.Equal(4, await db.Declarations.CountAsync(d => ids.Contains(d.Id) && d.Stage == Workflows.Route.DeclarationStage.Consolidated));
        Assert.Equal(4, await db.AuditEvents.CountAsync(a => a.DeclarationId != null && ids.Contains(a.DeclarationId.Value) && a.Action == "accept"));
        Assert.Equal(0, await db.AuditEvents.CountAsync(a => a.DeclarationId == submitted[2].Id && a.Action == "accept"));
    }

    [Fact]
    public async Task BatchReturn_WithoutAComment_RefusesEachDeclaration_AndARepeatedKeyReturnsTheFirstAnswer()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var id = Id(await RouteFixture.CreateAsync(drafter, cycle));
        await ActOk(drafter, id, "submit", new { });

        var refused = await BatchOk(office, "return", new { items = new[] { new { id } } });
        Assert.False(refused["results"]![0]!["ok"]!.GetValue<bool>());
        Assert.Equal(400, refused["results"]![0]!["problem"]!["status"]!.GetValue<int>());

        var key = Guid.NewGuid().ToString();
        using var first = await Batch(office, "return", new { items = new[] { new { id } }, comment = "请补充测算依据" }, key);
        using var second = await Batch(office, "return", new { items = new[] { new { id } }, comment = "请补充测算依据" }, key);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.DeclarationId == id && a.Action == "return"));
    }

    [Fact]
    public async Task BatchOfAnUnbatchableAction_OrOfNothing_Is400()
    {
        using var office = await fx.LoginAsync("office");
        using var reassign = await Batch(office, "reassign", new { items = new[] { new { id = Guid.NewGuid() } } });
        using var empty = await Batch(office, "accept", new { items = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, reassign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("至少选择", (await empty.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remind_MailsTheHolderNow_AndASecondOneTheSameDayIsRefusedClearly()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var created = await RouteFixture.CreateAsync(drafter, cycle);
        var id = Id(created);
        var name = created["name"]!.GetValue<string>();

        using var first = await office.PostAsJsonAsync($"/api/declarations/{id}/remind", new { comment = "明天上午前请提交" });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var mail = await fx.Smtp.WaitForAsync(
            m => m.Subject == $"【催办】填报并提交申报表：{name}" && m.To.Mailboxes.Any(b => b.Address == "drafter.gy@t.cn"), TimeSpan.FromSeconds(45));
        Assert.Contains("明天上午前请提交", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("陈主任", mail.TextBody, StringComparison.Ordinal);

        using var second = await office.PostAsJsonAsync($"/api/declarations/{id}/remind", new { comment = "再催一次" });
        using var byAColleague = await (await fx.LoginAsync("office2")).PostAsJsonAsync($"/api/declarations/{id}/remind", new { });
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, byAColleague.StatusCode);
        var problem = await second.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("今天", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("请明天再催办", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var bySection = await drafter.PostAsJsonAsync($"/api/declarations/{id}/remind", new { });
        Assert.Equal(HttpStatusCode.Forbidden, bySection.StatusCode);
        var history = await office.GetFromJsonAsync<JsonArray>($"/api/declarations/{id}/history");
        var reminds = history!.Where(h => h!["action"]!.GetValue<string>() == "remind").ToList();
        Assert.Single(reminds);
        Assert.Contains("明天上午前请提交", reminds[0]!["comment"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(fx.Smtp.Messages, m => m.Subject == $"【催办】填报并提交申报表：{name}");
    }

    internal static Guid Id(JsonObject declaration) => declaration["id"]!.GetValue<Guid>();

    internal static async Task<JsonObject> ActOk(HttpClient client, Guid id, string action, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/declarations/{id}/actions/{action}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static Task<HttpResponseMessage> Batch(HttpClient client, string action, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/declarations/actions/{action}") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request);
    }

    private static async Task<JsonObject> BatchOk(HttpClient client, string action, object body)
    {
        using var response = await Batch(client, action, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"batch {action} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
