using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Api.Tests.Pages;
using PerfWorkflow.Workflows.Notices;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Tests.Notifications;

/// <summary>
/// The office user's 【待审核】通知方式 (issue 14 item 4) in the embedded app: the 通知设置 page and
/// <c>/api/auth/me/notifications</c> save it per user, and with 每小时汇总 a submission reaches the office as one digest
/// mail at the next working hour instead of a 【待审核】 mail at once.
/// </summary>
public sealed class ReviewDigestPortalTests
{
    private const string OfficeAddress = "office@futian.example.cn";

    [Fact]
    public async Task SettingsPage_ShowsTheThreeModes_AndSavesTheChoice()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");

        var page = await office.GetStringAsync("/account/notifications");
        Assert.Contains("【待审核】通知方式", page, StringComparison.Ordinal);
        Assert.Contains("立即", page, StringComparison.Ordinal);
        Assert.Contains("每小时汇总", page, StringComparison.Ordinal);
        Assert.Contains("每日汇总", page, StringComparison.Ordinal);
        Assert.Contains("您尚未设置", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/notifications\"", page, StringComparison.Ordinal);

        using var saved = await PortalApp.PostFormAsync(office, "/account/notifications", "/account/notifications", new() { ["reviewNotice"] = "Daily" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var after = await office.GetStringAsync("/account/notifications");
        Assert.Contains("已保存：【待审核】通知方式为“每日汇总”。", after, StringComparison.Ordinal);
        Assert.Matches("value=\"Daily\" checked=\"checked\"", after);
        var api = await office.GetFromJsonAsync<JsonObject>("/api/auth/me/notifications");
        Assert.Equal(("daily", false), (api!["reviewNotice"]!.GetValue<string>(), api["isDefault"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task Api_SavesTheMode_RefusesAnUnknownOne_AndIsForTheOfficeOnly()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");
        using var drafter = await app.SignInAsync("drafter.gy");

        using var put = await office.PutAsJsonAsync("/api/auth/me/notifications", new { reviewNotice = "hourly" });
        using var wrong = await office.PutAsJsonAsync("/api/auth/me/notifications", new { reviewNotice = "weekly" });
        using var notOffice = await drafter.GetAsync("/api/auth/me/notifications");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await put.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("hourly", "每小时汇总"), (body!["reviewNotice"]!.GetValue<string>(), body["reviewNoticeLabel"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notOffice.StatusCode);
        var page = await drafter.GetStringAsync("/declarations");
        Assert.DoesNotContain("/account/notifications", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hourly_SubmitAt1020_NoMailAtOnce_ThenOneDigestMailAt1100()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");
        using var drafter = await app.SignInAsync("drafter.gy");
        using var choose = await office.PutAsJsonAsync("/api/auth/me/notifications", new { reviewNotice = "hourly" });
        choose.EnsureSuccessStatusCode();

        app.Advance(TimeSpan.FromMinutes(80)); // Thursday 2026-11-26 10:20
        var draft = (await drafter.GetFromJsonAsync<JsonArray>("/api/declarations?stage=Draft"))!.First()!;
        var id = draft["id"]!.GetValue<Guid>();
        var name = draft["name"]!.GetValue<string>();
        using var submit = await drafter.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { });
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);

        var item = await WaitForAsync(app, db => db.ReviewDigestItems.AsNoTracking().FirstOrDefaultAsync(i => i.DeclarationId == id));
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 11, 0, 0, TimeSpan.FromHours(8)), item.DueAt);
        Assert.Equal(0, await RunJobAsync(app)); // 10:20: not yet

        app.Advance(TimeSpan.FromMinutes(40)); // 11:00
        Assert.Equal(1, await RunJobAsync(app));

        var folder = Path.Combine(DataDirectoryOf(app), "mail");
        var digest = await EmbeddedMailTests.WaitForEmlAsync(folder, OfficeAddress, TimeSpan.FromSeconds(30), m => (m.Subject ?? "").StartsWith("【待审核汇总】", StringComparison.Ordinal));
        Assert.Equal("【待审核汇总】1份申报表待审核（2026年11月26日（星期四）11:00）", digest.Subject);
        Assert.Contains($"《{name}》", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("提交时间：2026-11-26 10:20（北京时间）", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/declarations/{id}", digest.TextBody, StringComparison.Ordinal);
        // Nothing came at once: the only mail to the office about this submission is the digest.
        Assert.DoesNotContain(Directory.GetFiles(folder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)),
            m => m.To.Mailboxes.Any(a => a.Address == OfficeAddress) && (m.Subject ?? "").StartsWith("【待审核】", StringComparison.Ordinal));
        var sent = await WaitForAsync(app, db => db.ReviewDigestItems.AsNoTracking().FirstOrDefaultAsync(i => i.DeclarationId == id && i.SentAt != null));
        Assert.False(sent.Dropped);
    }

    private static async Task<int> RunJobAsync(PortalApp app)
    {
        using var scope = app.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewDigestJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<T> WaitForAsync<T>(PortalApp app, Func<PerfWorkflowDbContext, Task<T?>> find)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using (var scope = app.Factory.Services.CreateScope())
            {
                if (await find(scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>()) is { } found)
                {
                    return found;
                }
            }
            Assert.True(DateTime.UtcNow < deadline, "Not found within 30 s.");
            await Task.Delay(100);
        }
    }

    private static string DataDirectoryOf(PortalApp app) =>
        app.Factory.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["DataDirectory"]!;
}
