using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Tests.Pages;

public sealed class DeclarationPagesTests(EmbeddedApp app) : IClassFixture<EmbeddedApp>
{
    [Fact]
    public async Task List_ShowsOnlyTheDraftersOwnSection()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");
        var other = await PortalClient.FirstDeclarationAsync(app, "xf");

        var html = await drafter.GetStringAsync("/declarations");

        Assert.Contains("我的申报", html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(own.Name), html, StringComparison.Ordinal);
        Assert.DoesNotContain(WebUtility.HtmlEncode(other.Name), html, StringComparison.Ordinal);
        Assert.Contains("新建申报", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("office")]
    [InlineData("leader")]
    public async Task List_ShowsEverySection_ToBureauRoles(string user)
    {
        using var client = await PortalClient.SignInAsync(app, user);
        var gy = await PortalClient.FirstDeclarationAsync(app, "gy");
        var xf = await PortalClient.FirstDeclarationAsync(app, "xf");

        var html = await client.GetStringAsync("/declarations");

        Assert.Contains(WebUtility.HtmlEncode(gy.Name), html, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(xf.Name), html, StringComparison.Ordinal);
        Assert.DoesNotContain("新建空白申报表", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ShowsFinanceNothing_BeforeThePackageIsSubmitted()
    {
        using var finance = await PortalClient.SignInAsync(app, "finance");

        var html = await finance.GetStringAsync("/declarations");

        Assert.Contains("没有符合条件的申报表", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersByStage()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");

        var html = await drafter.GetStringAsync("/declarations?stage=Finalized");

        Assert.DoesNotContain(WebUtility.HtmlEncode(own.Name), html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/edit")]
    public async Task AnotherSectionsDeclaration_IsDenied(string suffix)
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.xf");
        var other = await PortalClient.FirstDeclarationAsync(app, "gy");

        using var response = await drafter.Http.GetAsync($"/declarations/{other.Id}{suffix}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode); // at the same address, not a redirect
        var deniedHtml = await response.Content.ReadAsStringAsync();
        Assert.Contains("无权访问", deniedHtml, StringComparison.Ordinal);
        Assert.Contains("属于其他科室", deniedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(WebUtility.HtmlEncode(other.Name), deniedHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDeclaration_IsNotFound()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");

        using var response = await drafter.Http.GetAsync($"/declarations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MistypedAddress_IsAChinesePage_WhileTheApiKeepsProblemDetails()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");

        using var page = await drafter.Http.GetAsync("/declaratons/oops");
        using var api = await drafter.Http.GetAsync($"/api/declarations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("页面不存在", html, StringComparison.Ordinal);
        Assert.Contains("返回我的首页", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Editor_ShowsEveryLabel_InFormOrder()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");

        var html = await drafter.GetStringAsync($"/declarations/{own.Id}/edit");

        string[] labels = ["项目编码", "项目名称", "申请单位", "一级预算单位", "实施期限", "项目类型", "是否新增项目", "分配方式",
            "项目总金额（中期规划）", "本年度项目金额", "政策依据", "测算依据", "年度目标", "长期目标（跨度多年的项目需填）", "绩效指标"];
        var positions = labels.Select(l => html.IndexOf($">{l}</", StringComparison.Ordinal)).ToList();
        Assert.All(positions, p => Assert.True(p > 0));
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("/ 40 字", html, StringComparison.Ordinal);
        Assert.Contains("/ 2000 字", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editor_ShowsAmountsIn万元()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");

        var html = await drafter.GetStringAsync($"/declarations/{own.Id}/edit");

        var wan = (own.CurrentYearAmountYuan / 10000m).ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"name=\"Input.CurrentYearAmountWan\" value=\"{wan}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editor_AddsARow_WithoutScript_KeepingWhatWasTyped()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");
        var fields = PortalClient.EditorFields(own.ReadForm(), own.Version);
        var typed = own.Name + "（尚未保存）";
        fields["Input.Name"] = typed;
        fields["category"] = "数量指标";
        var rowsBefore = own.ReadForm().Indicators.Count(r => r.Level2 == "数量指标");

        using var response = await drafter.PostEditorAsync(own.Id, "AddRow", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"数量指标 第{rowsBefore + 1}行 三级指标", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{WebUtility.HtmlEncode(typed)}\"", html, StringComparison.Ordinal);
        // Saved first (so leaving the page now loses nothing), without a new version in 修改历史.
        var stored = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == own.Id));
        Assert.Equal(typed, stored.Name);
        Assert.Contains($"name=\"ExpectedVersion\" value=\"{stored.Version}\"", html, StringComparison.Ordinal);
        var versions = await PortalClient.QueryAsync(app, db => db.DeclarationVersions.CountAsync(v => v.DeclarationId == own.Id && v.Number > own.Version));
        Assert.Equal(0, versions);
    }

    [Fact]
    public async Task Editor_RemovesARow_WithoutScript()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");
        var fields = PortalClient.EditorFields(own.ReadForm(), own.Version);
        var removed = fields["Input.Rows[0].Name"];
        fields["row"] = "0";

        using var response = await drafter.PostEditorAsync(own.Id, "RemoveRow", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain($"value=\"{WebUtility.HtmlEncode(removed)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ReturnsTheFindingsPerField_AsAPartial()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");
        var fields = PortalClient.EditorFields(own.ReadForm(), own.Version);
        fields["Input.PolicyBasis"] = "";
        fields["Input.Rows[0].Value"] = "00%";

        using var response = await drafter.PostEditorAsync(own.Id, "Validate", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", html, StringComparison.Ordinal);
        Assert.Contains("<template data-for=\"policyBasis\">", html, StringComparison.Ordinal);
        Assert.Contains("<template data-for=\"rows[0]\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_Stores元_From万元_Exactly()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");
        var fields = PortalClient.EditorFields(own.ReadForm(), own.Version);
        fields["Input.TotalAmountWan"] = "9999.1234";
        fields["Input.CurrentYearAmountWan"] = "12.3456";

        using var response = await drafter.PostEditorAsync(own.Id, "Save", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == own.Id));
        Assert.Equal(123456m, saved.CurrentYearAmountYuan);
        Assert.Equal(99991234m, saved.ReadForm().TotalAmountYuan);
    }

    [Fact]
    public async Task StaleSave_NamesWhoChangedIt_AndKeepsTheInput()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");
        var fields = PortalClient.EditorFields(own.ReadForm(), own.Version - 1 < 1 ? 999 : own.Version - 1);
        fields["Input.AnnualGoal"] = "我刚写好的年度目标";

        using var response = await drafter.PostEditorAsync(own.Id, "Save", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"申报表已被 {WebUtility.HtmlEncode(own.UpdatedByName)}", html, StringComparison.Ordinal);
        Assert.Contains("我刚写好的年度目标", html, StringComparison.Ordinal);
        var unchanged = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == own.Id));
        Assert.Equal(own.Version, unchanged.Version);
    }

    [Fact]
    public async Task Submit_WithAnError_ListsIt_WithALinkToTheField()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.xf");
        var own = await PortalClient.FirstDeclarationAsync(app, "xf");
        var fields = PortalClient.EditorFields(own.ReadForm(), own.Version);
        fields["Input.PolicyBasis"] = " ";

        using var response = await drafter.PostEditorAsync(own.Id, "Submit", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<a href=\"#f-policyBasis\">政策依据</a>", html, StringComparison.Ordinal);
        var stored = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == own.Id));
        Assert.Equal(DeclarationStage.Draft, stored.Stage);
    }

    [Fact]
    public async Task New_CreatesABlankDraft_InTheOpenCycle_AndOpensTheEditor()
    {
        using var drafter = await PortalClient.SignInAsync(app, "head.gy");

        using var response = await drafter.PostFormAsync("/declarations/new", "/declarations/new?handler=Blank", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Matches("^/declarations/[0-9a-f-]{36}/edit$", response.Headers.Location!.OriginalString);
        var html = await drafter.GetStringAsync(response.Headers.Location.OriginalString);
        Assert.Contains("服务对象满意度指标 第1行 三级指标", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlankFields_AreSaved_NotCrashed()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.xf");
        using var created = await drafter.PostFormAsync("/declarations/new", "/declarations/new?handler=Blank", []);
        var editUrl = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(editUrl.Split('/')[2]);
        var blank = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == id));
        var fields = PortalClient.EditorFields(blank.ReadForm(), blank.Version);
        fields["Input.TotalAmountWan"] = "十万";

        using var response = await drafter.PostFormAsync(editUrl, editUrl.Replace("/edit", "/edit?handler=Save", StringComparison.Ordinal), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == id));
        Assert.Null(saved.ReadForm().TotalAmountYuan);
        Assert.True(saved.ErrorCount > 0);
    }

    [Fact]
    public async Task Editor_RefusesAPastedTextOverTheEdgeLimit_KeepsItOnThePage_AndSavesNothing()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.xf");
        using var created = await drafter.PostFormAsync("/declarations/new", "/declarations/new?handler=Blank", []);
        var editUrl = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(editUrl.Split('/')[2]);
        var blank = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == id));
        var fields = PortalClient.EditorFields(blank.ReadForm(), blank.Version);
        var pasted = "测" + new string('算', Api.Declarations.DeclarationInputLimits.LongText);
        fields["Input.CalculationBasis"] = pasted;

        using var response = await drafter.PostFormAsync(editUrl, editUrl.Replace("/edit", "/edit?handler=Save", StringComparison.Ordinal), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("【测算依据】", html, StringComparison.Ordinal);
        Assert.Contains("超过 10000 个字符的上限", html, StringComparison.Ordinal);
        Assert.Contains(pasted, html, StringComparison.Ordinal);
        var after = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == id));
        Assert.Equal((blank.Version, blank.ReadForm().CalculationBasis), (after.Version, after.ReadForm().CalculationBasis));
    }

    [Fact]
    public async Task Editor_AnswersAHugeFormPost_WithAClearRefusal_NotAServerError()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.xf");
        using var created = await drafter.PostFormAsync("/declarations/new", "/declarations/new?handler=Blank", []);
        var editUrl = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(editUrl.Split('/')[2]);
        var blank = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == id));
        var fields = PortalClient.EditorFields(blank.ReadForm(), blank.Version);
        fields["Input.CalculationBasis"] = new string('算', 5_000_000);

        using var response = await drafter.PostFormAsync(editUrl, editUrl.Replace("/edit", "/edit?handler=Save", StringComparison.Ordinal), fields);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"answered {(int)response.StatusCode}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        var after = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == id));
        Assert.Equal(blank.Version, after.Version);
    }

    [Fact]
    public async Task New_IsDenied_ToTheOffice()
    {
        using var office = await PortalClient.SignInAsync(app, "office");

        using var response = await office.Http.GetAsync("/declarations/new");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("新建申报表由科室经办人或科室负责人办理", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficeReturn_WithAFieldComment_IsShownToTheDrafter_BesideTheField()
    {
        var own = (await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().Where(d => d.SectionId == "gy").OrderBy(d => d.Name).ToListAsync()))[^1];
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        using var office = await PortalClient.SignInAsync(app, "office");
        var url = $"/declarations/{own.Id}";
        using (var submit = await drafter.PostFormAsync(url, url + "?handler=Act", new() { ["act"] = "submit", ["expectedVersion"] = own.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        }
        var officeView = await office.GetStringAsync(url);
        Assert.Contains(">纳入汇总</button>", officeView, StringComparison.Ordinal);
        Assert.Contains("逐项意见", officeView, StringComparison.Ordinal);
        var version = await PortalClient.QueryAsync(app, db => db.Declarations.Where(d => d.Id == own.Id).Select(d => d.Version).FirstAsync());

        using var returned = await office.PostFormAsync(url, url + "?handler=Act", new()
        {
            ["act"] = "return",
            ["expectedVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["comment"] = "请补充测算过程。",
            ["fieldComments[calculationBasis]"] = "单价来源请注明。",
        });

        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var drafterView = await drafter.GetStringAsync(url);
        Assert.Contains("请补充测算过程。", drafterView, StringComparison.Ordinal);
        var field = drafterView[drafterView.IndexOf("id=\"v-calculationBasis\"", StringComparison.Ordinal)..];
        Assert.Contains("单价来源请注明。", field[..field.IndexOf("id=\"v-annualGoal\"", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("自上次提交以来的修改", drafterView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleAction_SaysWhoChangedIt_AndDoesNothing()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.xf");
        var own = (await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().Where(d => d.SectionId == "xf").OrderBy(d => d.Name).ToListAsync()))[^1];
        var url = $"/declarations/{own.Id}";

        using var response = await drafter.PostFormAsync(url, url + "?handler=Act", new() { ["act"] = "submit", ["expectedVersion"] = "999" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"申报表已被 {WebUtility.HtmlEncode(own.UpdatedByName)}", html, StringComparison.Ordinal);
        Assert.Contains("您的操作没有执行", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_ListTheDraftersOpenTasks_OnThePageAndInTheApi()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        var own = await PortalClient.FirstDeclarationAsync(app, "gy");

        var html = await drafter.GetStringAsync("/tasks");
        var json = JsonDocument.Parse(await drafter.GetStringAsync("/api/tasks?state=open")).RootElement;

        Assert.Contains($"href=\"/declarations/{own.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("科室填报/修改", html, StringComparison.Ordinal);
        Assert.Contains(json.EnumerateArray(), t => t.GetProperty("declarationId").GetGuid() == own.Id);
        Assert.All(json.EnumerateArray(), t => Assert.Equal("Draft", t.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Tasks_OfAnotherSection_AreNotListed()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.xf");
        var other = await PortalClient.FirstDeclarationAsync(app, "gy");

        var json = JsonDocument.Parse(await drafter.GetStringAsync("/api/tasks")).RootElement;

        Assert.DoesNotContain(json.EnumerateArray(), t => t.GetProperty("declarationId").GetGuid() == other.Id);
    }

    [Theory]
    [InlineData("drafter.gy")]
    [InlineData("head.gy")]
    [InlineData("office")]
    [InlineData("leader")]
    [InlineData("finance")]
    [InlineData("admin")]
    public async Task TasksPage_OpensForEveryRole_WithBothTabs(string user)
    {
        using var client = await PortalClient.SignInAsync(app, user);

        var open = await client.GetStringAsync("/tasks");
        var done = await client.GetStringAsync("/tasks?state=done");

        Assert.Contains("<a href=\"/tasks?state=open\" aria-current=\"page\">待办</a>", open, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/tasks?state=done\" aria-current=\"page\">已办</a>", done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_Done_ListsWhatTheUserCompleted()
    {
        using var drafter = await PortalClient.SignInAsync(app, "head.gy");
        var own = (await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().Where(d => d.SectionId == "gy" && d.Name != "").OrderBy(d => d.Name).ToListAsync()))[1];
        var url = $"/declarations/{own.Id}";
        using (var submit = await drafter.PostFormAsync(url, url + "?handler=Act", new() { ["act"] = "submit", ["expectedVersion"] = own.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        }

        var json = JsonDocument.Parse(await drafter.GetStringAsync("/api/tasks?state=done")).RootElement;

        Assert.Contains(json.EnumerateArray(), t => t.GetProperty("declarationId").GetGuid() == own.Id && t.GetProperty("outcome").GetString() == "submit");
    }

    [Fact]
    public async Task TasksApi_RejectsAnUnknownState()
    {
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");

        using var response = await drafter.Http.GetAsync("/api/tasks?state=later");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
