using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Api.Tests.Notifications;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Tests.Pages;

/// <summary>
/// Issue 10: whose turn it is, on the lists, the editor and in the mail; the drafter's 修改说明 with a resubmission,
/// shown to the reviewer beside the diff (details page, the e-mail link page) and in the 【待审核】 mail.
/// </summary>
public sealed class ResubmitAndProgressTests
{
    [Fact]
    public async Task AReturnedDeclaration_ShowsWhoReturnedIt_AndWhoActsNext_AndTheResubmissionCarriesTheModificationNote()
    {
        await using var app = new EmbeddedApp();
        using var drafter = await PortalClient.SignInAsync(app, "drafter.gy");
        using var office = await PortalClient.SignInAsync(app, "office");
        var draft = (await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking()
            .Where(d => d.SectionId == "gy" && d.Stage == DeclarationStage.Draft && d.ErrorCount == 0).OrderBy(d => d.Code).ToListAsync()))[0];
        var url = $"/declarations/{draft.Id}";
        using (var submit = await drafter.PostFormAsync(url, url + "?handler=Act", new() { ["act"] = "submit", ["expectedVersion"] = Text(draft.Version) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        }
        var officeList = await office.GetStringAsync("/declarations?q=" + Uri.EscapeDataString(draft.Code));
        Assert.Contains("待办公室审核", officeList, StringComparison.Ordinal);
        Assert.Contains("下一步：办公室", officeList, StringComparison.Ordinal);

        var submitted = await VersionAsync(app, draft.Id);
        using (var returned = await office.PostFormAsync(url, url + "?handler=Act", new() { ["act"] = "return", ["expectedVersion"] = Text(submitted), ["comment"] = "请补充测算过程。" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        }

        // The drafter's list and editor: 已退回, by whom, and that it is the 科室's turn.
        var list = await drafter.GetStringAsync("/declarations");
        var row = RowOf(list, draft.Id);
        Assert.Contains("已退回", row, StringComparison.Ordinal);
        Assert.Contains("办公室 陈主任 于", row, StringComparison.Ordinal);
        Assert.Contains("下一步：工业运行科", row, StringComparison.Ordinal);
        Assert.Contains("修改后重新提交", row, StringComparison.Ordinal);
        var editor = await drafter.GetStringAsync(url + "/edit");
        Assert.Contains("已退回", editor, StringComparison.Ordinal);
        Assert.Contains("下一步：工业运行科", editor, StringComparison.Ordinal);
        Assert.Contains("name=\"SubmitNote\"", editor, StringComparison.Ordinal);

        // Resubmit from the editor with a 修改说明.
        const string note = "已按退回意见补充测算过程，单价来源见附件报价单。";
        var current = await PortalClient.QueryAsync(app, db => db.Declarations.AsNoTracking().FirstAsync(d => d.Id == draft.Id));
        var fields = PortalClient.EditorFields(current.ReadForm(), current.Version);
        fields["Input.CalculationBasis"] = current.ReadForm().CalculationBasis + "\n单价依据：2026年市场询价。";
        fields["SubmitNote"] = note;
        using (var resubmit = await drafter.PostEditorAsync(draft.Id, "Submit", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, resubmit.StatusCode);
        }
        var audit = await PortalClient.QueryAsync(app, db => db.AuditEvents.AsNoTracking()
            .Where(a => a.DeclarationId == draft.Id && a.Action == ActionNames.Submit).OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(note, audit.Comment);

        // The reviewer sees it beside the diff …
        var review = await office.GetStringAsync(url);
        var beforeDiff = review[..review.IndexOf("自上次提交以来的修改", StringComparison.Ordinal)];
        Assert.Contains("修改说明", beforeDiff, StringComparison.Ordinal);
        Assert.Contains(note, beforeDiff, StringComparison.Ordinal);

        // … and in the 【待审核】 mail, with the status and who acts next.
        var mail = await EmbeddedMailTests.WaitForEmlAsync(Path.Combine(app.DataDirectory, "mail"), "office@futian.example.cn",
            TimeSpan.FromSeconds(30), m => m.Subject?.Contains("重新提交", StringComparison.Ordinal) == true);
        Assert.Contains("【修改说明】", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(note, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(note, mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("当前状态：待办公室审核", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("下一步：办公室", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverlongModificationNote_IsRefusedWithAReason_AndNothingMoves()
    {
        await using var app = new EmbeddedApp();
        using var drafter = await PortalClient.SignInAsync(app, "drafter.xf");
        var drafts = await drafter.Http.GetFromJsonAsync<JsonArray>("/api/declarations?stage=Draft");
        var id = drafts!.First()!["id"]!.GetValue<Guid>();

        using var response = await drafter.Http.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { comment = new string('改', ActionRequest.MaxCommentLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"不能超过 {ActionRequest.MaxCommentLength} 个字", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(DeclarationStage.Draft, await PortalClient.QueryAsync(app, db => db.Declarations.Where(d => d.Id == id).Select(d => d.Stage).FirstAsync()));
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static Task<int> VersionAsync(EmbeddedApp app, Guid id) =>
        PortalClient.QueryAsync(app, db => db.Declarations.Where(d => d.Id == id).Select(d => d.Version).FirstAsync());

    private static string RowOf(string html, Guid id)
    {
        var at = html.IndexOf($"href=\"/declarations/{id}\"", StringComparison.Ordinal);
        Assert.True(at > 0, "the declaration is not in the list");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[start..end];
    }
}
