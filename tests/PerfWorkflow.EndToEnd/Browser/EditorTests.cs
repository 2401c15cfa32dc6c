using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>
/// The editor never loses typed work: rows and 不适用 change in the page, autosave keeps the text (without making a
/// version) after a pause, on reload and when the page is left, and a conflicting autosave keeps the text and says who.
/// </summary>
public sealed class EditorTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int Cycle = 2027;
    private static readonly PageGetByLabelOptions Exact = new() { Exact = true };

    [Fact]
    public async Task TypedText_SurvivesRowsNotApplicableReloadAndLeaving_AndAutosaveMakesNoVersion()
    {
        using var api = await ApiClientAsync("drafter.gy");
        var (id, form) = await CreateAsync(api, seed: 21);
        var versionsBefore = await VersionCountAsync(api, id);

        var page = await portal.SignInAsync("drafter.gy");
        await page.GotoAsync($"/declarations/{id}/edit");
        // A marker that a reload would wipe: the row buttons and 不适用 must work in the page.
        await page.EvaluateAsync("() => { window.__noReload = true; }");

        await page.GetByLabel("项目名称", Exact).FillAsync("2027年工业企业运行监测服务项目（修订）");
        await page.GetByRole(AriaRole.Button, new() { Name = "添加一行（数量指标）" }).ClickAsync();
        var quantityRows = await page.Locator("tbody[data-category=数量指标] tr[data-row]").CountAsync();
        var newRow = page.GetByLabel($"数量指标 第{quantityRows}行 三级指标", Exact);
        await Assertions.Expect(newRow).ToBeFocusedAsync();
        await newRow.FillAsync("新增监测企业数量");
        await page.GetByRole(AriaRole.Button, new() { Name = $"删除（数量指标 第{quantityRows}行）" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel($"数量指标 第{quantityRows}行 三级指标", Exact)).ToHaveCountAsync(0);

        // 生态效益指标: un-tick 不适用, type, tick it again and un-tick: the typed row comes back.
        var eco = page.Locator("tbody[data-category=生态效益指标]");
        var ecoToggle = eco.GetByLabel("不适用");
        if (!await ecoToggle.IsCheckedAsync())
        {
            await ecoToggle.CheckAsync();
        }
        await ecoToggle.UncheckAsync();
        await page.GetByLabel("生态效益指标 第1行 三级指标", Exact).FillAsync("园区能耗下降");
        await ecoToggle.CheckAsync();
        await Assertions.Expect(page.GetByLabel("生态效益指标 第1行 三级指标", Exact)).ToBeHiddenAsync();
        await ecoToggle.UncheckAsync();
        await Assertions.Expect(page.GetByLabel("生态效益指标 第1行 三级指标", Exact)).ToHaveValueAsync("园区能耗下降");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "the page reloaded");
        await Assertions.Expect(page.GetByLabel("项目名称", Exact)).ToHaveValueAsync("2027年工业企业运行监测服务项目（修订）");

        // Enter in a one-line field does not submit (the page stays, no version).
        await page.GetByLabel("项目名称", Exact).PressAsync("Enter");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "Enter submitted the form");

        await Assertions.Expect(page.Locator("[data-save-state]")).ToContainTextAsync("已自动保存");
        await PortalFixture.ScreenshotAsync(page, "30-editor-autosaved");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("项目名称", Exact)).ToHaveValueAsync("2027年工业企业运行监测服务项目（修订）");
        await Assertions.Expect(page.GetByLabel("生态效益指标 第1行 三级指标", Exact)).ToHaveValueAsync("园区能耗下降");

        // Leaving right after typing: the page-hide save keeps the text.
        await page.GetByLabel("年度目标", Exact).FillAsync(form.AnnualGoal + "全年走访企业不少于50家。");
        await page.GotoAsync("/declarations");
        var stored = await WaitForAsync(api, id, d => d["annualGoal"]!.GetValue<string>().EndsWith("全年走访企业不少于50家。", StringComparison.Ordinal));
        Assert.Equal("2027年工业企业运行监测服务项目（修订）", stored["name"]!.GetValue<string>());
        await page.GotoAsync($"/declarations/{id}/edit");
        await Assertions.Expect(page.GetByLabel("年度目标", Exact)).ToHaveValueAsync(form.AnnualGoal + "全年走访企业不少于50家。");

        Assert.Equal(versionsBefore, await VersionCountAsync(api, id));

        // An explicit 保存 is one version in 修改历史.
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("草稿已保存。");
        Assert.Equal(versionsBefore + 1, await VersionCountAsync(api, id));
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task ConflictingAutosave_KeepsTheTypedText_AndSaysWhoChanged()
    {
        using var api = await ApiClientAsync("drafter.gy");
        using var head = await ApiClientAsync("head.gy");
        var (id, _) = await CreateAsync(api, seed: 22);
        var page = await portal.SignInAsync("drafter.gy");
        await page.GotoAsync($"/declarations/{id}/edit");

        // Someone else saves meanwhile.
        var current = (await api.GetFromJsonAsync<JsonObject>($"/api/declarations/{id}"))!;
        current["policyBasis"] = "《对方修改的政策依据》。";
        current["expectedVersion"] = current["version"]!.GetValue<int>();
        using (var put = await head.PutAsJsonAsync($"/api/declarations/{id}", current))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        await page.GetByLabel("项目名称", Exact).FillAsync("我刚输入的项目名称");
        var conflict = page.Locator("[data-autosave-conflict]");
        await Assertions.Expect(conflict).ToBeVisibleAsync();
        await Assertions.Expect(conflict).ToContainTextAsync("王科长");
        await Assertions.Expect(conflict).ToContainTextAsync("项目名称");
        await Assertions.Expect(page.GetByLabel("项目名称", Exact)).ToHaveValueAsync("我刚输入的项目名称");
        await PortalFixture.ScreenshotAsync(page, "31-editor-autosave-conflict");
        var stored = (await api.GetFromJsonAsync<JsonObject>($"/api/declarations/{id}"))!;
        Assert.Equal("《对方修改的政策依据》。", stored["policyBasis"]!.GetValue<string>());
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task BlankNewForm_ShowsRequiredMarks_NotErrors_UntilAFieldIsTouched()
    {
        var page = await portal.SignInAsync("drafter.gy");
        await page.GotoAsync("/declarations/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建空白申报表" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("新申报表");
        await Assertions.Expect(page.Locator(".finding.required").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#editor .finding.error")).ToHaveCountAsync(0);
        await PortalFixture.ScreenshotAsync(page, "32-editor-blank-new");

        await page.GetByLabel("项目编码", Exact).FillAsync("12345");
        await Assertions.Expect(page.Locator("[data-findings-for=code] .finding.error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-findings-for=policyBasis] .finding.error")).ToHaveCountAsync(0);
        await page.Context.DisposeAsync();
    }

    private async Task<HttpClient> ApiClientAsync(string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = portal.BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = TestOrganisation.Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    private static async Task<(Guid Id, DeclarationForm Form)> CreateAsync(HttpClient drafter, int seed)
    {
        var form = new DeclarationGenerator(new DeclarationRulesOptions { BudgetYear = Cycle }).Generate(seed, 1, 0).Single().Form;
        var body = JsonSerializer.SerializeToNode(form, DeclarationJson.Options)!.AsObject();
        body["cycleYear"] = Cycle;
        using var response = await drafter.PostAsJsonAsync("/api/declarations", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return (JsonNode.Parse(text)!["id"]!.GetValue<Guid>(), form);
    }

    private static async Task<int> VersionCountAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/declarations/{id}/versions"))!.Count;

    /// <summary>The page-hide save runs after the next page has started loading: poll the API until it has landed.</summary>
    private static async Task<JsonObject> WaitForAsync(HttpClient client, Guid id, Func<JsonObject, bool> condition)
    {
        for (var attempt = 0; ; attempt++)
        {
            var declaration = (await client.GetFromJsonAsync<JsonObject>($"/api/declarations/{id}"))!;
            if (condition(declaration))
            {
                return declaration;
            }
            Assert.True(attempt < 60, "the text typed before leaving the page was not saved");
            await Task.Delay(250);
        }
    }
}
