using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.EndToEnd.Route;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;
using static PerfWorkflow.EndToEnd.Notifications.MailDeliveryTests;

namespace PerfWorkflow.EndToEnd.Notifications;

/// <summary>FinanceReturned and TaskDueSoon from the event to the SMTP server: recipients, subject and key content.</summary>
public sealed class FinanceAndDueSoonMailTests(RouteFixture fx) : IClassFixture<RouteFixture>
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task FinanceReturn_MailsTheSectionAndTheOffice_WithTheFinanceComment()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        using var leader = await fx.LoginAsync("leader");
        using var finance = await fx.LoginAsync("finance");
        var cycle = await fx.NewCycleAsync();
        var created = await RouteFixture.CreateAsync(drafter, cycle);
        var id = created["id"]!.GetValue<Guid>();
        var name = created["name"]!.GetValue<string>();
        await ActOk(drafter, id, "submit", new { });
        await ActOk(office, id, "accept", new { });
        await PackageOk(office, cycle, "submit");
        await PackageOk(leader, cycle, "approve");
        await PackageOk(office, cycle, "submit-to-finance");

        var returned = await ActOk(finance, id, "return", new { comment = "满意度指标目标值偏低，请调整至90%以上" });

        var subject = $"【区财政退回】{name}：请按意见修改后重新报送";
        var toDrafter = await fx.Smtp.WaitForAsync(To("drafter.gy@t.cn", subject), MailTimeout);
        foreach (var address in new[] { "head.gy@t.cn", "office@t.cn", "office2@t.cn", "leader@t.cn" })
        {
            await fx.Smtp.WaitForAsync(To(address, subject), MailTimeout);
        }
        Assert.Contains("区财政局刘联络员于", toDrafter.TextBody, StringComparison.Ordinal);
        Assert.Contains($"退回了《{name}》（第{returned["version"]!.GetValue<int>()}版）", toDrafter.TextBody, StringComparison.Ordinal);
        Assert.Contains($"本局{cycle}年度汇总中的其余申报表仍保持锁定", toDrafter.TextBody, StringComparison.Ordinal);
        Assert.Contains("满意度指标目标值偏低，请调整至90%以上", toDrafter.TextBody, StringComparison.Ordinal);
        Assert.Contains($"本年度项目金额：{MailFormat.WanYuan(created["currentYearAmountYuan"]!.GetValue<decimal>())}", toDrafter.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/declarations/{id}", toDrafter.HtmlBody, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(fx.Smtp.Messages, m => To("drafter.xf@t.cn", subject)(m));
        Assert.DoesNotContain(fx.Smtp.Messages, m => To("finance@t.cn", subject)(m));
        // The leader is told too: the revised declaration needs their 审定 again.
        var toLeader = Assert.Single(fx.Smtp.Messages, m => To("leader@t.cn", subject)(m));
        Assert.Contains("局领导重新审定", toLeader.TextBody, StringComparison.Ordinal);
        Assert.Single(fx.Smtp.Messages, m => To("office@t.cn", subject)(m));
    }

    [Fact]
    public async Task TaskDueSoon_MailsTheOfficeReviewers_WithTheDeadlineAndTheActionLinks()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        var cycle = await fx.NewCycleAsync();
        var created = await RouteFixture.CreateAsync(drafter, cycle);
        var id = created["id"]!.GetValue<Guid>();
        var name = created["name"]!.GetValue<string>();
        await ActOk(drafter, id, "submit", new { });
        WorkTask task;
        using (var scope = fx.App.Services.CreateScope())
        {
            task = await scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>().Tasks.AsNoTracking()
                .SingleAsync(t => t.DeclarationId == id && t.Kind == TaskKind.OfficeReview && t.CompletedAt == null);
        }

        await fx.App.Services.GetRequiredService<IBus>().Publish(
            new TaskDueSoon(Guid.NewGuid(), task.Id, ChinaTime.Today(TimeProvider.System), 3));

        var subject = $"【即将到期】审核申报表：{name}（剩余3个工作日）";
        var mail = await fx.Smtp.WaitForAsync(To("office@t.cn", subject), MailTimeout);
        await fx.Smtp.WaitForAsync(To("office2@t.cn", subject), MailTimeout);
        Assert.Contains($"您的任务“审核申报表”（《{name}》）将于{MailFormat.ChinaTime(task.DueAt!.Value)}到期，剩余3个工作日", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("当前阶段：办公室审核", mail.TextBody, StringComparison.Ordinal);
        // The holders get the one-click links of the review task (纳入汇总, 退回), each a token under /act/.
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(mail.HtmlBody ?? "", "href=\"[^\"]*/act/[^\"]+\""));
        Assert.Contains("纳入汇总", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"/declarations/{id}", mail.HtmlBody, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(fx.Smtp.Messages, m => m.Subject == subject && m.To.Mailboxes.Any(b => b.Address is "drafter.gy@t.cn" or "head.gy@t.cn"));
        Assert.Single(fx.Smtp.Messages, m => To("office@t.cn", subject)(m));
    }
}
