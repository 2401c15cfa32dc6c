using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.EndToEnd.Browser;

/// <summary>The admin's screens in a real browser: the overview, a refused mail, a dead letter replayed, a calendar edit.</summary>
public sealed class AdminPagesTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Admin_SeesWhatNeedsAttention_ReplaysADeadLetter_AndAddsAMakeUpSaturday()
    {
        var now = portal.Clock.GetUtcNow();
        var ping = Guid.NewGuid();
        await using (var scope = portal.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
            db.MailDeliveries.Add(new MailDelivery
            {
                EventId = Guid.NewGuid(), Recipient = "wang.gy@futian.example.cn", Template = nameof(TaskOverdue), Status = MailDeliveryStatus.Failed,
                Attempts = 1, Subject = "【逾期】工业运行科：2027年工业企业技术改造扶持", LastError = "550 5.1.1 <wang.gy@futian.example.cn>: Recipient address rejected",
                CreatedAt = now.AddHours(-3),
            });
            db.DeadLetterMessages.Add(Letter(Guid.NewGuid(), new PackageApproved(Guid.NewGuid(), 2027, Guid.NewGuid(), now), now));
            db.DeadLetterMessages.Add(Letter(ping, new BusPing(ping, now), now));
            await db.SaveChangesAsync();
        }

        var page = await portal.SignInAsync("admin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "系统管理", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".admin-tiles")).ToContainTextAsync("2 条待重新投递");
        await PortalFixture.ScreenshotAsync(page, "40-admin-overview");

        await page.GetByRole(AriaRole.Link, new() { Name = "查看邮件投递" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Recipient address rejected");
        await PortalFixture.ScreenshotAsync(page, "41-admin-mail");

        await page.GotoAsync("/admin/dead-letters");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("2027年度申报包");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "消息总线探测" }).GetByRole(AriaRole.Button, new() { Name = "重新投递" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已放回发件箱");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).Not.ToContainTextAsync("消息总线探测");
        await PortalFixture.ScreenshotAsync(page, "42-admin-dead-letters-replayed");

        await page.GotoAsync("/admin/calendar");
        await page.GetByLabel("操作").SelectOptionAsync("AddMakeUpWorkday");
        await page.GetByLabel("日期").FillAsync("2026-12-05");
        await page.GetByLabel("节日（添加时填写）").FillAsync("元旦");
        await page.GetByLabel("备注（通知文号等）").FillAsync("测试：区政府办公室通知");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存调整" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("已将 2026-12-05（星期六）设为调休上班日（元旦）");
        await Assertions.Expect(page.Locator("#history-heading")).ToBeVisibleAsync();
        await PortalFixture.ScreenshotAsync(page, "43-admin-calendar-edited");

        Assert.True(portal.App.Services.GetRequiredService<IWorkingDayCalendar>().IsWorkingDay(new DateOnly(2026, 12, 5)));
        await page.Context.DisposeAsync();
    }

    private static DeadLetterMessage Letter(Guid messageId, object message, DateTimeOffset now) => new()
    {
        MessageId = messageId,
        MessageType = message.GetType().FullName!,
        Payload = JsonSerializer.Serialize(message, message.GetType(), DeclarationJson.Options),
        CreatedAt = now.AddMinutes(-40),
        FailedAt = now.AddMinutes(-2),
        Attempts = 20,
        Error = "RabbitMQ 不可用：Broker unreachable (connection refused)",
    };
}
