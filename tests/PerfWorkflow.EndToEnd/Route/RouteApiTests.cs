using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.EndToEnd.Route;

/// <summary>The route through the HTTP API on the real PostgreSQL (issue 4).</summary>
public sealed class RouteApiTests(RouteFixture fx) : IClassFixture<RouteFixture>
{
    [Fact]
    public async Task HappyPath_TakesADeclarationFromDraftToFinalized()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        using var leader = await fx.LoginAsync("leader");
        using var finance = await fx.LoginAsync("finance");
        var created = await RouteFixture.CreateAsync(drafter, cycle);
        var id = Id(created);
        Assert.Equal("Draft", created["stage"]!.GetValue<string>());
        Assert.Contains("submit", Actions(created));

        var submitted = await ActOk(drafter, id, "submit", new { expectedVersion = created["version"]!.GetValue<int>() });
        Assert.Equal("OfficeReview", Stage(submitted));
        Assert.Equal(["withdraw"], Actions(submitted));
        Assert.Equal("Consolidated", Stage(await ActOk(office, id, "accept", new { })));

        await PackageOk(office, cycle, "submit");
        Assert.Equal("BureauReview", Stage(await Get(office, id)));
        // The package has left 汇总中: no new member for this cycle.
        var late = JsonSerializer.SerializeToNode(RouteFixture.ValidForm(), DeclarationJson.Options)!.AsObject();
        late["cycleYear"] = cycle;
        using (var refused = await drafter.PostAsJsonAsync("/api/declarations", late))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("不能再新建这一年度的申报表", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await PackageOk(leader, cycle, "approve");
        var package = await PackageOk(office, cycle, "submit-to-finance");
        Assert.Equal("SubmittedToFinance", package["stage"]!.GetValue<string>());
        Assert.Equal(created["currentYearAmountYuan"]!.GetValue<decimal>(), package["snapshot"]!["totals"]!["bureauTotalYuan"]!.GetValue<decimal>());
        Assert.Equal("SubmittedToFinance", Stage(await Get(finance, id)));
        await PackageOk(finance, cycle, "accept");

        Assert.Equal("Finalized", Stage(await Get(office, id)));
        // The office is told that finance accepted the package.
        var accepted = await fx.Smtp.WaitForAsync(
            PerfWorkflow.EndToEnd.Notifications.MailDeliveryTests.To("office@t.cn", $"【区财政审核通过】{cycle}年度项目支出绩效目标汇总"), TimeSpan.FromSeconds(45));
        Assert.Contains($"审核通过了本局{cycle}年度二级项目支出绩效目标汇总：共1个项目", accepted.TextBody, StringComparison.Ordinal);
        var history = await drafter.GetFromJsonAsync<JsonArray>($"/api/declarations/{id}/history");
        Assert.Equal(["create", "submit", "accept", "submit", "approve", "submit-to-finance", "accept"],
            history!.Select(h => h!["action"]!.GetValue<string>()).ToArray());
        Assert.All(history!, h => Assert.False(string.IsNullOrEmpty(h!["actorName"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Withdraw_ReturnsToDraft_UntilTheOfficeActs()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var id = Id(await RouteFixture.CreateAsync(drafter, cycle));

        await ActOk(drafter, id, "submit", new { });
        Assert.Equal("Draft", Stage(await ActOk(drafter, id, "withdraw", new { })));
        await ActOk(drafter, id, "submit", new { });
        await ActOk(office, id, "claim", new { });

        using var refused = await Act(drafter, id, "withdraw", new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Empty(await PermittedIn(refused));
    }

    [Fact]
    public async Task OfficeReturn_WithFieldComments_ThenResubmit_ShowsTheDiff()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var created = await RouteFixture.CreateAsync(drafter, cycle);
        var id = Id(created);
        await ActOk(drafter, id, "submit", new { });

        var returned = await ActOk(office, id, "return", new
        {
            comment = "测算依据与金额不一致",
            fieldComments = new Dictionary<string, string> { ["calculationBasis"] = "请逐项列明用途及金额" },
        });
        Assert.Equal("Draft", Stage(returned));
        var form = returned.Deserialize<DeclarationForm>(DeclarationJson.Options)!;
        form.AnnualGoal += "新增一项年度目标。";
        form.Name = "改名后的项目";
        var body = JsonSerializer.SerializeToNode(form, DeclarationJson.Options)!.AsObject();
        body["expectedVersion"] = returned["version"]!.GetValue<int>();
        using var put = await drafter.PutAsJsonAsync($"/api/declarations/{id}", body);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var resubmitted = await ActOk(drafter, id, "submit", new { });

        var versions = await office.GetFromJsonAsync<JsonArray>($"/api/declarations/{id}/versions");
        var submittedNumbers = versions!.Where(v => v!["reason"]!.GetValue<string>() == "Submitted").Select(v => v!["number"]!.GetValue<int>()).ToList();
        Assert.Equal(2, submittedNumbers.Count);
        var diff = await office.GetFromJsonAsync<JsonObject>($"/api/declarations/{id}/diff?from={submittedNumbers[0]}&to={submittedNumbers[1]}");
        var fields = diff!["diff"]!["fields"]!.AsArray().Select(f => f!["field"]!.GetValue<string>()).ToList();
        Assert.Contains("name", fields);
        Assert.Contains(diff["diff"]!["texts"]!.AsArray(), t => t!["field"]!.GetValue<string>() == "annualGoal");
        Assert.Equal("OfficeReview", Stage(resubmitted));
        using var scope = fx.App.Services.CreateScope();
        var comments = await scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>().ReviewComments.Where(c => c.DeclarationId == id).ToListAsync();
        Assert.Equal("请逐项列明用途及金额", Assert.Single(comments).Comment);
    }

    [Fact]
    public async Task IllegalAction_Is409_ListingThePermittedActions()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var id = Id(await RouteFixture.CreateAsync(drafter, cycle));

        using var accept = await Act(office, id, "accept", new { });
        using var approve = await Act(drafter, id, "approve", new { });

        Assert.Equal(HttpStatusCode.Conflict, accept.StatusCode);
        Assert.Equal(["exclude", "reassign"], await PermittedIn(accept));
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        Assert.Equal(["submit"], await PermittedIn(approve));
    }

    [Theory]
    [InlineData("drafter.gy", HttpStatusCode.OK)]
    [InlineData("head.gy", HttpStatusCode.OK)]
    [InlineData("drafter.xf", HttpStatusCode.Forbidden)]
    [InlineData("office", HttpStatusCode.OK)]
    [InlineData("leader", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("finance", HttpStatusCode.Forbidden)]
    public async Task Read_IsScoped_ByRoleAndSection(string user, HttpStatusCode expected)
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        var id = Id(await RouteFixture.CreateAsync(drafter, cycle));
        using var client = await fx.LoginAsync(user);

        using var response = await client.GetAsync($"/api/declarations/{id}");
        var list = await client.GetFromJsonAsync<JsonArray>($"/api/declarations?cycle={cycle}");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, list!.Count);
    }

    [Theory]
    [InlineData("drafter.gy", "submit", HttpStatusCode.OK)]
    [InlineData("head.gy", "submit", HttpStatusCode.OK)]
    [InlineData("drafter.xf", "submit", HttpStatusCode.Forbidden)]
    [InlineData("office", "submit", HttpStatusCode.Forbidden)]
    [InlineData("leader", "submit", HttpStatusCode.Forbidden)]
    [InlineData("finance", "submit", HttpStatusCode.Forbidden)]
    [InlineData("office", "exclude", HttpStatusCode.OK)]
    [InlineData("drafter.gy", "exclude", HttpStatusCode.Forbidden)]
    public async Task Actions_OnADraft_FollowTheAuthorisationMatrix(string user, string action, HttpStatusCode expected)
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        var id = Id(await RouteFixture.CreateAsync(drafter, cycle));
        using var client = await fx.LoginAsync(user);

        using var response = await Act(client, id, action, new { reason = "本年度不再申报" });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task OfficeActions_AreForbiddenToSections_AndLeaderReturns_GoToOfficeOrSection()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        using var leader = await fx.LoginAsync("leader");
        var first = Id(await RouteFixture.CreateAsync(drafter, cycle));
        var second = Id(await RouteFixture.CreateAsync(drafter, cycle));
        foreach (var id in new[] { first, second })
        {
            await ActOk(drafter, id, "submit", new { });
            using var selfAccept = await Act(drafter, id, "accept", new { });
            Assert.Equal(HttpStatusCode.Forbidden, selfAccept.StatusCode);
            await ActOk(office, id, "accept", new { });
        }
        await PackageOk(office, cycle, "submit");

        Assert.Equal("OfficeReview", Stage(await ActOk(leader, first, "return", new { to = "office", comment = "请办公室复核绩效指标" })));
        Assert.Equal("Draft", Stage(await ActOk(leader, second, "return", new { to = "section", comment = "请科室修改测算依据" })));
        using var approveBlocked = await leader.PostAsJsonAsync($"/api/packages/{cycle}/actions/approve", new { });
        Assert.Equal(HttpStatusCode.Conflict, approveBlocked.StatusCode);
    }

    [Fact]
    public async Task ConcurrentAccepts_OfTheSameDeclaration_ExactlyOneSucceeds()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        using var office2 = await fx.LoginAsync("office2");
        var id = Id(await RouteFixture.CreateAsync(drafter, cycle));
        var version = (await ActOk(drafter, id, "submit", new { }))["version"]!.GetValue<int>();

        var responses = await Task.WhenAll(
            Act(office, id, "accept", new { expectedVersion = version }),
            Act(office2, id, "accept", new { expectedVersion = version }));

        var statuses = responses.Select(r => (int)r.StatusCode).Order().ToArray();
        Assert.True(statuses.SequenceEqual([200, 409]), $"statuses {string.Join(",", statuses)}: {await responses[0].Content.ReadAsStringAsync()} | {await responses[1].Content.ReadAsStringAsync()}");
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.DeclarationId == id && a.Action == "accept"));
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task StaleExpectedVersion_Is409_NamingWhoChangedIt()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        var created = await RouteFixture.CreateAsync(drafter, cycle);
        var id = Id(created);
        await ActOk(drafter, id, "submit", new { });

        using var stale = await Act(drafter, id, "withdraw", new { expectedVersion = created["version"]!.GetValue<int>() });
        var problem = await stale.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("张工", problem!["changedBy"]!.GetValue<string>());
        Assert.Contains("张工", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedIdempotencyKey_ReturnsTheFirstAnswer_AndActsOnce()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        var id = Id(await RouteFixture.CreateAsync(drafter, cycle));
        var key = Guid.NewGuid().ToString();

        using var first = await Act(drafter, id, "submit", new { }, key);
        using var second = await Act(drafter, id, "submit", new { }, key);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.DeclarationId == id && a.Action == "submit"));
        // The outbox is drained by the dispatcher, so count what the action itself leaves behind once.
        Assert.Equal(1, await db.DeclarationVersions.CountAsync(v => v.DeclarationId == id && v.Reason == VersionReason.Submitted));
        Assert.Equal(1, await db.Tasks.CountAsync(t => t.DeclarationId == id && t.Kind == Workflows.Tasks.TaskKind.OfficeReview));
    }

    [Fact]
    public async Task FailureInTheMiddleOfAnAction_PersistsNothingOfIt()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        var id = Id(await RouteFixture.CreateAsync(drafter, cycle));
        fx.Faults.FailOnInsertInto = "audit_events";
        HttpResponseMessage response;
        try
        {
            response = await Act(drafter, id, "submit", new { });
        }
        finally
        {
            fx.Faults.FailOnInsertInto = null;
        }

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        response.Dispose();
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var declaration = await db.Declarations.SingleAsync(d => d.Id == id);
        Assert.Equal(Workflows.Route.DeclarationStage.Draft, declaration.Stage);
        Assert.Equal(1, declaration.Version);
        Assert.Equal(1, await db.DeclarationVersions.CountAsync(v => v.DeclarationId == id));
        Assert.Equal(0, await db.Tasks.CountAsync(t => t.DeclarationId == id && t.Kind == Workflows.Tasks.TaskKind.OfficeReview));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.Payload.Contains(id.ToString())));
        Assert.Equal("OfficeReview", Stage(await ActOk(drafter, id, "submit", new { })));
    }

    [Fact]
    public async Task Submit_IsRejected_WhenAnErrorFindingRemains()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        var form = RouteFixture.ValidForm();
        form.PolicyBasis = "";
        var id = Id(await RouteFixture.CreateAsync(drafter, cycle, form));

        using var response = await Act(drafter, id, "submit", new { });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(problem!["findings"]!.AsArray(), f => f!["rule"]!.GetValue<string>() == "REQUIRED_FIELD" && f["field"]!.GetValue<string>() == "policyBasis");
    }

    [Fact]
    public async Task Package_IsRefusedForBureauReview_WhileADeclarationIsInOfficeReview()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var accepted = Id(await RouteFixture.CreateAsync(drafter, cycle));
        var pending = await RouteFixture.CreateAsync(drafter, cycle);
        await ActOk(drafter, accepted, "submit", new { });
        await ActOk(office, accepted, "accept", new { });
        await ActOk(drafter, Id(pending), "submit", new { });

        using var refused = await office.PostAsJsonAsync($"/api/packages/{cycle}/actions/submit", new { });
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains(pending["name"]!.GetValue<string>(), problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var excludeWithoutReason = await Act(office, Id(pending), "exclude", new { });
        Assert.Equal(HttpStatusCode.BadRequest, excludeWithoutReason.StatusCode);
        await ActOk(office, Id(pending), "exclude", new { reason = "项目已取消" });
        await PackageOk(office, cycle, "submit");
    }

    [Fact]
    public async Task SubmittedPackageTotals_StayUnchanged_AfterALaterEdit()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        using var leader = await fx.LoginAsync("leader");
        using var finance = await fx.LoginAsync("finance");
        var created = await RouteFixture.CreateAsync(drafter, cycle);
        var id = Id(created);
        var amount = created["currentYearAmountYuan"]!.GetValue<decimal>();
        await ActOk(drafter, id, "submit", new { });
        await ActOk(office, id, "accept", new { });
        await PackageOk(office, cycle, "submit");
        await PackageOk(leader, cycle, "approve");
        var frozen = await PackageOk(office, cycle, "submit-to-finance");
        var sha = frozen["snapshotSha256"]!.GetValue<string>();

        var returned = await ActOk(finance, id, "return", new { comment = "请压减金额" });
        var form = returned.Deserialize<DeclarationForm>(DeclarationJson.Options)!;
        form.CurrentYearAmountYuan = amount / 2;
        var body = JsonSerializer.SerializeToNode(form, DeclarationJson.Options)!.AsObject();
        body["expectedVersion"] = returned["version"]!.GetValue<int>();
        using var put = await drafter.PutAsJsonAsync($"/api/declarations/{id}", body);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var package = await office.GetFromJsonAsync<JsonObject>($"/api/packages/{cycle}");
        Assert.Equal("FinanceReviewing", package!["stage"]!.GetValue<string>());
        Assert.Equal(sha, package["snapshotSha256"]!.GetValue<string>());
        Assert.Equal(amount, package["snapshot"]!["totals"]!["bureauTotalYuan"]!.GetValue<decimal>());
        Assert.Equal(amount / 2, package["totals"]!["bureauTotalYuan"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task RouteDiagrams_AreServedAsMermaid()
    {
        using var client = fx.App.CreateClient();

        var declaration = await client.GetStringAsync("/api/route/declaration.mmd");
        var package = await client.GetStringAsync("/api/route/package.mmd");

        Assert.StartsWith("stateDiagram-v2", declaration, StringComparison.Ordinal);
        Assert.Contains("OfficeReview --> Consolidated", declaration, StringComparison.Ordinal);
        Assert.Contains("BureauReview --> Approved", package, StringComparison.Ordinal);
    }

    private static Guid Id(JsonObject declaration) => declaration["id"]!.GetValue<Guid>();

    private static string Stage(JsonObject declaration) => declaration["stage"]!.GetValue<string>();

    private static string[] Actions(JsonObject declaration) => declaration["permittedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

    private static async Task<string[]> PermittedIn(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["permittedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

    private static async Task<JsonObject> Get(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/declarations/{id}"))!;

    private static Task<HttpResponseMessage> Act(HttpClient client, Guid id, string action, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/declarations/{id}/actions/{action}") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return client.SendAsync(request);
    }

    private static async Task<JsonObject> ActOk(HttpClient client, Guid id, string action, object body)
    {
        using var response = await Act(client, id, action, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<JsonObject> PackageOk(HttpClient client, int cycle, string action)
    {
        using var response = await client.PostAsJsonAsync($"/api/packages/{cycle}/actions/{action}", new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"package {action} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
