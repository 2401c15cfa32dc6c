using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Api.Links;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.EndToEnd.Route;
using PerfWorkflow.Notifications.Links;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.EndToEnd.Links;

/// <summary>Email action links on the real PostgreSQL (issue 5 part 6): GET shows, POST acts once, anything else is refused.</summary>
public sealed partial class ActionLinkTests(RouteFixture fx) : IClassFixture<RouteFixture>
{
    [Fact]
    public async Task Get_ShowsTheConfirmation_AndChangesNothing()
    {
        var (id, version, link) = await SubmittedWithOfficeAcceptLinkAsync();
        using var browser = Anonymous();

        for (var i = 0; i < 2; i++)
        {
            using var response = await browser.GetAsync(link);
            var html = await TextOf(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("纳入汇总", html, StringComparison.Ordinal);
            Assert.Contains("首次报送", html, StringComparison.Ordinal);
        }

        var declaration = await GetAsync(id);
        Assert.Equal("OfficeReview", Stage(declaration));
        Assert.Equal(version, declaration["version"]!.GetValue<int>());
        Assert.Equal(0, await UsesOfAsync(link));
    }

    [Fact]
    public async Task Post_Accepts_AsTheRecipient_AndASecondPostIsRefused()
    {
        var (id, _, link) = await SubmittedWithOfficeAcceptLinkAsync();
        using var browser = Anonymous();
        var form = await OpenAsync(browser, link);

        using (var first = await PostAsync(browser, link, form))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Contains("已办理", await TextOf(first), StringComparison.Ordinal);
        }
        var accepted = await GetAsync(id);
        Assert.Equal("Consolidated", Stage(accepted));
        var last = (await HistoryAsync(id)).Last()!;
        Assert.Equal("accept", last["action"]!.GetValue<string>());
        Assert.Equal(await DisplayNameAsync("office"), last["actorName"]!.GetValue<string>());

        using var second = await PostAsync(browser, link, form);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Contains("已经用过", await TextOf(second), StringComparison.Ordinal);
        using var getAfterUse = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, getAfterUse.StatusCode);
        Assert.Equal(accepted["version"]!.GetValue<int>(), (await GetAsync(id))["version"]!.GetValue<int>());
        Assert.Equal(1, await UsesOfAsync(link));
    }

    [Fact]
    public async Task TwoPostsAtOnce_ActOnlyOnce()
    {
        var (id, _, link) = await SubmittedWithOfficeAcceptLinkAsync();
        using var first = Anonymous();
        using var second = Anonymous();
        var (firstForm, secondForm) = (await OpenAsync(first, link), await OpenAsync(second, link));

        var answers = await Task.WhenAll(PostAsync(first, link, firstForm), PostAsync(second, link, secondForm));

        var statuses = answers.Select(a => a.StatusCode).Order().ToList();
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Contains(statuses[1], new[] { HttpStatusCode.Conflict, HttpStatusCode.Gone });
        Assert.Single(await HistoryAsync(id), h => h!["action"]!.GetValue<string>() == "accept");
        Assert.Equal(1, await UsesOfAsync(link));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Theory]
    [InlineData("middle")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public async Task ForgedToken_IsRefused_AndNothingIsDone(string how)
    {
        var (id, version, link) = await SubmittedWithOfficeAcceptLinkAsync();
        var token = link.Split('/')[^1];
        var forged = how switch
        {
            "middle" => token[..60] + (token[60] == 'A' ? 'B' : 'A') + token[61..],
            "truncated" => token[..^4],
            _ => "not-a-token-at-all",
        };
        using var browser = Anonymous();
        var form = await OpenAsync(browser, link);

        await AssertRefusedAsync(browser, "/act/" + forged, form, HttpStatusCode.BadRequest, "链接无效");
        Assert.Equal(version, (await GetAsync(id))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task ExpiredToken_IsRefusedAsGone_AndNothingIsDone()
    {
        var (id, version, fresh) = await SubmittedWithOfficeAcceptLinkAsync();
        var task = await OpenTaskAsync(id);
        var issuer = fx.App.Services.GetRequiredService<ActionLinkIssuer>();
        var expired = issuer.Issue(new ActionLinkToken(Guid.NewGuid(), task.Id, "accept", await UserIdAsync("office"), id, version,
            DateTimeOffset.UtcNow.AddMinutes(-1))).PathAndQuery;
        using var browser = Anonymous();
        var form = await OpenAsync(browser, fresh);

        await AssertRefusedAsync(browser, expired, form, HttpStatusCode.Gone, "已过期");
        var declaration = await GetAsync(id);
        Assert.Equal("OfficeReview", Stage(declaration));
        Assert.Equal(version, declaration["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task StaleToken_AfterTheDrafterWithdrew_IsRefusedAsConflict()
    {
        var (id, _, link) = await SubmittedWithOfficeAcceptLinkAsync();
        using var browser = Anonymous();
        var form = await OpenAsync(browser, link);
        using var drafter = await fx.LoginAsync("drafter.gy");
        using (var withdraw = await drafter.PostAsJsonAsync($"/api/declarations/{id}/actions/withdraw", new { }))
        {
            withdraw.EnsureSuccessStatusCode();
        }
        var withdrawn = await GetAsync(id);

        await AssertRefusedAsync(browser, link, form, HttpStatusCode.Conflict, "已失效");
        var after = await GetAsync(id);
        Assert.Equal("Draft", Stage(after));
        Assert.Equal(withdrawn["version"]!.GetValue<int>(), after["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task StaleToken_AfterTheOfficeEditedTheForm_IsRefusedAsConflict()
    {
        var (id, version, link) = await SubmittedWithOfficeAcceptLinkAsync();
        using var office = await fx.LoginAsync("office");
        var current = await GetAsync(id);
        var form = current.Deserialize<DeclarationForm>(DeclarationJson.Options)!;
        form.AnnualGoal += "办公室补充一句。";
        var body = JsonSerializer.SerializeToNode(form, DeclarationJson.Options)!.AsObject();
        body["expectedVersion"] = version;
        using (var put = await office.PutAsJsonAsync($"/api/declarations/{id}", body))
        {
            put.EnsureSuccessStatusCode();
        }
        using var browser = Anonymous();

        using var get = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.Conflict, get.StatusCode);
        Assert.Contains("已被修改", await TextOf(get), StringComparison.Ordinal);
        Assert.Equal("OfficeReview", Stage(await GetAsync(id)));
    }

    [Fact]
    public async Task ReturnLink_NeedsAShortEnoughComment_ThenReturnsToTheSection()
    {
        var (id, version, _) = await SubmittedWithOfficeAcceptLinkAsync();
        var task = await OpenTaskAsync(id);
        var link = fx.App.Services.GetRequiredService<IActionLinkIssuer>()
            .IssueActionLink(task.Id, "return", await UserIdAsync("office"), id, version).PathAndQuery;
        using var browser = Anonymous();
        var form = await OpenAsync(browser, link);

        using (var empty = await PostAsync(browser, link, form))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("退回必须填写退回意见", await TextOf(empty), StringComparison.Ordinal);
        }
        using (var tooLong = await PostAsync(browser, link, form, new string('长', 2001)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            Assert.Contains("意见不能超过 2000 个字", await TextOf(tooLong), StringComparison.Ordinal);
        }
        Assert.Equal("OfficeReview", Stage(await GetAsync(id)));

        using var withComment = await PostAsync(browser, link, form, "金额测算依据不足，请补充。");
        Assert.Equal(HttpStatusCode.OK, withComment.StatusCode);
        Assert.Equal("Draft", Stage(await GetAsync(id)));
        Assert.Equal("金额测算依据不足，请补充。", (await HistoryAsync(id)).Last()!["comment"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_ShowsTheDiffSinceThePreviousSubmission()
    {
        var (id, _, _) = await SubmittedWithOfficeAcceptLinkAsync();
        using var office = await fx.LoginAsync("office");
        using var drafter = await fx.LoginAsync("drafter.gy");
        using (var returned = await office.PostAsJsonAsync($"/api/declarations/{id}/actions/return", new { comment = "请修改项目名称" }))
        {
            returned.EnsureSuccessStatusCode();
        }
        var draft = await GetAsync(id);
        var oldName = draft["name"]!.GetValue<string>();
        var form = draft.Deserialize<DeclarationForm>(DeclarationJson.Options)!;
        form.Name = "更名后的产业运行监测项目";
        var body = JsonSerializer.SerializeToNode(form, DeclarationJson.Options)!.AsObject();
        body["expectedVersion"] = draft["version"]!.GetValue<int>();
        using (var put = await drafter.PutAsJsonAsync($"/api/declarations/{id}", body))
        {
            put.EnsureSuccessStatusCode();
        }
        using (var submit = await drafter.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { }))
        {
            submit.EnsureSuccessStatusCode();
        }
        var resubmitted = await GetAsync(id);
        var task = await OpenTaskAsync(id);
        var link = fx.App.Services.GetRequiredService<IActionLinkIssuer>()
            .IssueActionLink(task.Id, "accept", await UserIdAsync("office"), id, resubmitted["version"]!.GetValue<int>()).PathAndQuery;
        using var browser = Anonymous();

        using var page = await browser.GetAsync(link);
        var html = await TextOf(page);

        Assert.Contains($"<del>{oldName}</del>", html, StringComparison.Ordinal);
        Assert.Contains("<ins>更名后的产业运行监测项目</ins>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Link_IssuedByOneNode_WorksOnAnother_ThroughTheSharedKeyRing()
    {
        var (id, _, link) = await SubmittedWithOfficeAcceptLinkAsync();
        await using var otherNode = new ProductionApp(fx.Database, fx.Smtp);
        using var browser = otherNode.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        var form = await OpenAsync(browser, link);
        using var post = await PostAsync(browser, link, form);

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("Consolidated", Stage(await GetAsync(id)));
        Assert.True(await fx.Database.ScalarAsync<long>("SELECT count(*) FROM data_protection_keys") >= 1);
    }

    [Fact]
    public async Task DevMailbox_IsNotFound_InProduction_EvenForASignedInUser()
    {
        using var anonymous = Anonymous();
        using var office = await fx.LoginAsync("office");

        using var anonymousGet = await anonymous.GetAsync("/dev/mail");
        using var signedInGet = await office.GetAsync("/dev/mail");

        Assert.Equal(HttpStatusCode.NotFound, anonymousGet.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, signedInGet.StatusCode);
    }

    /// <summary>drafter.gy creates and submits; the link lets the office accept on the open OfficeReview task.</summary>
    private async Task<(Guid Id, int Version, string Link)> SubmittedWithOfficeAcceptLinkAsync()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        var created = await RouteFixture.CreateAsync(drafter, cycle);
        var id = created["id"]!.GetValue<Guid>();
        using (var submit = await drafter.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { }))
        {
            submit.EnsureSuccessStatusCode();
        }
        var version = (await GetAsync(id))["version"]!.GetValue<int>();
        var task = await OpenTaskAsync(id);
        Assert.Equal(TaskKind.OfficeReview, task.Kind);
        var link = fx.App.Services.GetRequiredService<IActionLinkIssuer>()
            .IssueActionLink(task.Id, "accept", await UserIdAsync("office"), id, version);
        return (id, version, link.PathAndQuery);
    }

    private HttpClient Anonymous() =>
        fx.App.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>Opens the confirmation page as a mail reader would and keeps its anti-forgery token for the POST.</summary>
    private static async Task<string> OpenAsync(HttpClient browser, string link)
    {
        using var response = await browser.GetAsync(link);
        var html = await TextOf(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return AntiforgeryField().Match(html).Groups[1].Value;
    }

    /// <summary>Both the GET and the POST of the link answer the refusal's status and page.</summary>
    private static async Task AssertRefusedAsync(HttpClient browser, string link, string antiforgery, HttpStatusCode status, string says)
    {
        using var get = await browser.GetAsync(link);
        using var post = await PostAsync(browser, link, antiforgery);

        Assert.Equal(status, get.StatusCode);
        Assert.Equal(status, post.StatusCode);
        Assert.Contains(says, await TextOf(get), StringComparison.Ordinal);
        Assert.Contains(says, await TextOf(post), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, string link, string antiforgery, string comment = "") =>
        browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Comment"] = comment,
        }));

    private async Task<JsonObject> GetAsync(Guid id)
    {
        using var office = await fx.LoginAsync("office");
        return (await office.GetFromJsonAsync<JsonObject>($"/api/declarations/{id}"))!;
    }

    private async Task<JsonArray> HistoryAsync(Guid id)
    {
        using var office = await fx.LoginAsync("office");
        return (await office.GetFromJsonAsync<JsonArray>($"/api/declarations/{id}/history"))!;
    }

    /// <summary>The page as a reader sees it (Razor may write Chinese as character references).</summary>
    private static async Task<string> TextOf(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static string Stage(JsonObject declaration) => declaration["stage"]!.GetValue<string>();

    private async Task<WorkTask> OpenTaskAsync(Guid declarationId)
    {
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.DeclarationId == declarationId && t.CompletedAt == null);
    }

    private async Task<Guid> UserIdAsync(string userName) => (await UserAsync(userName)).Id;

    private async Task<string> DisplayNameAsync(string userName) => (await UserAsync(userName)).DisplayName;

    private async Task<Workflows.Organisation.AppUser> UserAsync(string userName)
    {
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
    }

    private async Task<int> UsesOfAsync(string link)
    {
        var (_, token) = fx.App.Services.GetRequiredService<ActionLinkIssuer>().Read(link.Split('/')[^1]);
        using var scope = fx.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        return await db.IdempotencyRecords.CountAsync(r => r.Key == token!.UseKey);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
