using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Notifications.Mail;

namespace PerfWorkflow.Api.Tests.Links;

/// <summary>The embedded mailbox page /dev/mail over the .eml files FileMailSender writes.</summary>
public sealed class DevMailTests
{
    [Fact]
    public async Task Mailbox_ListsAnEmailWrittenByFileMailSender_AndShowsItsHtmlAndTextParts()
    {
        await using var app = new EmbeddedApp();
        await SendAsync(app, "申报表已报送：产业监测项目", "<p>请审核 <b>产业监测项目</b></p>", "请审核产业监测项目。");
        using var client = await SignedInAsync(app, "office");

        using var list = await client.GetAsync("/dev/mail");
        var listHtml = await TextOf(list);
        var file = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml").Select(Path.GetFileName).Single()!;
        using var shown = await client.GetAsync("/dev/mail?file=" + Uri.EscapeDataString(file));
        var shownHtml = await TextOf(shown);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("申报表已报送：产业监测项目", listHtml, StringComparison.Ordinal);
        Assert.Contains("办公室 <office@futian.example.cn>", listHtml, StringComparison.Ordinal);
        Assert.Contains("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"", shownHtml, StringComparison.Ordinal);
        Assert.Contains("<p>请审核 <b>产业监测项目</b></p>", shownHtml, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"mailbox-text\">请审核产业监测项目。", shownHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mailbox_ListsTheNewestEmailFirst()
    {
        await using var app = new EmbeddedApp();
        await SendAsync(app, "第一封", "<p>1</p>", "1");
        await Task.Delay(20);
        await SendAsync(app, "第二封", "<p>2</p>", "2");
        using var client = await SignedInAsync(app, "office");

        var html = await TextOf(await client.GetAsync("/dev/mail"));

        Assert.True(html.IndexOf("第二封", StringComparison.Ordinal) < html.IndexOf("第一封", StringComparison.Ordinal), "newest first");
    }

    [Fact]
    public async Task MailHtml_StaysInsideTheSandboxedFrame_AsAnEscapedAttribute()
    {
        await using var app = new EmbeddedApp();
        await SendAsync(app, "脚本测试", "<p>x</p><script>alert('x')</script>\"><img src=x>", "x");
        using var client = await SignedInAsync(app, "office");
        var file = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml").Select(Path.GetFileName).Single()!;

        using var shown = await client.GetAsync("/dev/mail?file=" + Uri.EscapeDataString(file));
        var raw = await shown.Content.ReadAsStringAsync();

        Assert.DoesNotContain("<script>alert", raw, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-mail.eml")]
    [InlineData("../perfworkflow.db")]
    public async Task Mailbox_AnswersNotFound_ForAFileItDidNotList(string file)
    {
        await using var app = new EmbeddedApp();
        await SendAsync(app, "存在的邮件", "<p>x</p>", "x");
        using var client = await SignedInAsync(app, "office");

        using var response = await client.GetAsync("/dev/mail?file=" + Uri.EscapeDataString(file));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Mailbox_ShowsAUserTheirOwnMailOnly_AndAnAdminEveryMail()
    {
        await using var app = new EmbeddedApp();
        await SendAsync(app, "给办公室的操作链接", "<p>o</p>", "o");
        await SendAsync(app, "给张工的提醒", "<p>d</p>", "d", to: "drafter.gy@futian.example.cn");
        var officeFile = Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml").Select(Path.GetFileName)
            .Single(f => File.ReadAllText(Path.Combine(app.DataDirectory, "mail", f!)).Contains("office@futian.example.cn", StringComparison.Ordinal))!;
        using var drafter = await SignedInAsync(app, "drafter.gy");
        using var admin = await SignedInAsync(app, "admin");

        var drafterList = await TextOf(await drafter.GetAsync("/dev/mail"));
        using var drafterOpensOffice = await drafter.GetAsync("/dev/mail?file=" + Uri.EscapeDataString(officeFile));
        var adminList = await TextOf(await admin.GetAsync("/dev/mail"));

        Assert.Contains("给张工的提醒", drafterList, StringComparison.Ordinal);
        Assert.DoesNotContain("给办公室的操作链接", drafterList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, drafterOpensOffice.StatusCode);
        Assert.Contains("给张工的提醒", adminList, StringComparison.Ordinal);
        Assert.Contains("给办公室的操作链接", adminList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mailbox_SendsAnAnonymousVisitorToSignIn()
    {
        await using var app = new EmbeddedApp();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/dev/mail");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.OrdinalIgnoreCase);
    }

    private static Task SendAsync(EmbeddedApp app, string subject, string html, string text, string to = OfficeAddress) =>
        app.Services.GetRequiredService<FileMailSender>()
            .SendAsync(new MailEnvelope(to, "办公室", subject, html, text), CancellationToken.None);

    private const string OfficeAddress = "office@futian.example.cn";

    internal static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> app, string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var login = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { userName, password = "Demo#2024" }));
        login.EnsureSuccessStatusCode();
        return client;
    }

    internal static async Task<string> TextOf(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
