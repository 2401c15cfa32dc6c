using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PerfWorkflow.EndToEnd.Route;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using SmtpServer.Protocol;

namespace PerfWorkflow.EndToEnd.Notifications;

/// <summary>Route events → RabbitMQ → mail consumers → the in-process SMTP server, on the real PostgreSQL (issue 5).</summary>
public sealed class MailDeliveryTests(RouteFixture fx) : IClassFixture<RouteFixture>, IAsyncLifetime
{
    private static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(45);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        // A failed test must not leave the server refusing for the next one.
        fx.Smtp.RefuseWith = null;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Submit_MailsEveryOfficeUser_WithKeyFigures_AndTheResubmissionCarriesTheDiff()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var (_, created, id, name) = await NewDeclarationAsync(drafter);

        var submitted = await ActOk(drafter, id, "submit", new { });
        var first = await fx.Smtp.WaitForAsync(To("office@t.cn", $"【待审核】工业运行科提交申报表：{name}"), MailTimeout);
        await fx.Smtp.WaitForAsync(To("office2@t.cn", $"【待审核】工业运行科提交申报表：{name}"), MailTimeout);
        Assert.Contains($"本年度项目金额：{MailFormat.WanYuan(created["currentYearAmountYuan"]!.GetValue<decimal>())}", first.TextBody, StringComparison.Ordinal);
        Assert.Contains("当前阶段：办公室审核", first.TextBody, StringComparison.Ordinal);
        Assert.Contains(DeadlineLine(submitted), first.TextBody, StringComparison.Ordinal);
        Assert.Contains("这是该项目本年度的首次提交", first.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/declarations/{id}", first.HtmlBody, StringComparison.Ordinal);

        var returned = await ActOk(office, id, "return", new
        {
            comment = "测算依据与金额不一致",
            fieldComments = new Dictionary<string, string> { ["calculationBasis"] = "请逐项列明用途及金额" },
        });
        var returnSubject = $"【已退回】{name}：请按意见修改后重新提交";
        var toDrafter = await fx.Smtp.WaitForAsync(To("drafter.gy@t.cn", returnSubject), MailTimeout);
        await fx.Smtp.WaitForAsync(To("head.gy@t.cn", returnSubject), MailTimeout);
        Assert.Contains($"· {FieldLabels.CalculationBasis}：请逐项列明用途及金额", toDrafter.TextBody, StringComparison.Ordinal);
        Assert.Contains("测算依据与金额不一致", toDrafter.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(fx.Smtp.Messages, m => m.To.Mailboxes.Any(b => b.Address == "drafter.xf@t.cn") && m.Subject == returnSubject);

        var form = returned.Deserialize<DeclarationForm>(DeclarationJson.Options)!;
        var newName = name + "（修订）";
        form.Name = newName;
        form.AnnualGoal += "新增一项年度目标。";
        await UpdateOk(drafter, id, form, returned["version"]!.GetValue<int>());
        await ActOk(drafter, id, "submit", new { });

        var second = await fx.Smtp.WaitForAsync(To("office@t.cn", $"【待审核】工业运行科重新提交申报表：{newName}"), MailTimeout);
        var firstVersion = submitted["version"]!.GetValue<int>();
        Assert.Contains($"与第{firstVersion}版相比的修改见下文", second.TextBody, StringComparison.Ordinal);
        Assert.Contains($"· {FieldLabels.Name}：{name} → {newName}", second.TextBody, StringComparison.Ordinal);
        Assert.Contains("[+新增一项年度目标。+]", second.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScriptInAField_ArrivesEscaped_InTheHtmlPart()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        var form = RouteFixture.ValidForm();
        form.Name = "<script>alert('x')</script>修缮项目" + Guid.NewGuid().ToString("N")[..6];
        var id = (await RouteFixture.CreateAsync(drafter, cycle, form))["id"]!.GetValue<Guid>();

        await ActOk(drafter, id, "submit", new { });

        var mail = await fx.Smtp.WaitForAsync(To("office@t.cn", $"【待审核】工业运行科提交申报表：{form.Name}"), MailTimeout);
        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(form.Name, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransientRefusal_IsRetried_AndTheMailArrivesOnce()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        var (_, _, id, name) = await NewDeclarationAsync(drafter);
        var subject = $"【待审核】工业运行科提交申报表：{name}";
        fx.Smtp.RefuseWith = SmtpReplyCode.InsufficientStorage; // 452: try again later

        await ActOk(drafter, id, "submit", new { });
        await WaitForDeliveryAsync(subject, d => d.Attempts >= 2 && d.Status == MailDeliveryStatus.Pending && d.LastError != null);
        Assert.DoesNotContain(fx.Smtp.Messages, m => To("office@t.cn", subject)(m));
        fx.Smtp.RefuseWith = null;

        await fx.Smtp.WaitForAsync(To("office@t.cn", subject), MailTimeout);
        var sent = await WaitForDeliveryAsync(subject, d => d.Status == MailDeliveryStatus.Sent);
        Assert.True(sent.Attempts >= 2, $"sent after {sent.Attempts} attempt(s)");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(fx.Smtp.Messages, m => To("office@t.cn", subject)(m));
    }

    [Fact]
    public async Task PermanentRefusal_IsRecordedFailed_NotRetried_AndListedForAdmins()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var admin = await fx.LoginAsync("admin");
        var (_, _, id, name) = await NewDeclarationAsync(drafter);
        var subject = $"【待审核】工业运行科提交申报表：{name}";
        fx.Smtp.RefuseWith = SmtpReplyCode.MailboxUnavailable; // 550

        await ActOk(drafter, id, "submit", new { });
        var failed = await WaitForDeliveryAsync(subject, d => d.Status == MailDeliveryStatus.Failed);
        fx.Smtp.RefuseWith = null;

        var listed = await admin.GetFromJsonAsync<JsonArray>("/api/admin/deliveries?status=failed");
        var row = Assert.Single(listed!, r => r!["id"]!.GetValue<long>() == failed.Id)!;
        Assert.Equal("office@t.cn", row["recipient"]!.GetValue<string>());
        Assert.Equal(subject, row["subject"]!.GetValue<string>());
        Assert.Contains("550", row["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(listed!, r => Assert.Equal("Failed", r!["status"]!.GetValue<string>()));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.DoesNotContain(fx.Smtp.Messages, m => To("office@t.cn", subject)(m));
        Assert.Equal(1, (await WaitForDeliveryAsync(subject, d => d.Status == MailDeliveryStatus.Failed)).Attempts);
    }

    [Fact]
    public async Task SameEventConsumedTwice_SendsOneMailPerRecipient()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        var (_, _, id, _) = await NewDeclarationAsync(drafter);
        var submitted = await ActOk(drafter, id, "submit", new { });
        var duplicate = new DeclarationSubmitted(
            Guid.NewGuid(), id, submitted["version"]!.GetValue<int>(), null, await UserIdAsync("drafter.gy"), DateTimeOffset.UtcNow);
        var bus = fx.App.Services.GetRequiredService<IBus>();

        // At-least-once delivery: the broker hands the same event over twice, here at the same moment.
        await Task.WhenAll(bus.Publish(duplicate), bus.Publish(duplicate));

        var ofEvent = (Func<MimeMessage, bool>)(m => m.MessageId?.StartsWith(duplicate.EventId.ToString("N"), StringComparison.Ordinal) == true);
        await fx.Smtp.WaitForAsync(m => ofEvent(m) && m.To.Mailboxes.Any(b => b.Address == "office@t.cn"), MailTimeout);
        await fx.Smtp.WaitForAsync(m => ofEvent(m) && m.To.Mailboxes.Any(b => b.Address == "office2@t.cn"), MailTimeout);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var received = fx.Smtp.Messages.Where(ofEvent).Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["office2@t.cn", "office@t.cn"], received);
        using var scope = fx.App.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>().MailDeliveries
            .Where(d => d.EventId == duplicate.EventId).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(MailDeliveryStatus.Sent, r.Status));
    }

    [Fact]
    public async Task AcceptAndPackageRoute_MailDraftersThenLeadersThenOfficeThenFinanceAndLeaders()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        using var leader = await fx.LoginAsync("leader");
        var (cycle, created, id, name) = await NewDeclarationAsync(drafter);
        await ActOk(drafter, id, "submit", new { });

        await ActOk(office, id, "accept", new { });
        await fx.Smtp.WaitForAsync(To("drafter.gy@t.cn", $"【已纳入汇总】{name}"), MailTimeout);
        await PackageOk(office, cycle, "submit");
        var review = await fx.Smtp.WaitForAsync(
            m => m.Subject?.StartsWith($"【待局审定】{cycle}年度", StringComparison.Ordinal) == true && m.To.Mailboxes.Any(b => b.Address == "leader@t.cn"), MailTimeout);
        Assert.Contains($"1个项目，合计{MailFormat.WanYuan(created["currentYearAmountYuan"]!.GetValue<decimal>())}", review.Subject, StringComparison.Ordinal);
        await PackageOk(leader, cycle, "approve");
        await fx.Smtp.WaitForAsync(To("office@t.cn", $"【局已审定】{cycle}年度项目支出绩效目标汇总"), MailTimeout);
        await PackageOk(office, cycle, "submit-to-finance");
        var toFinance = $"【已报送区财政】{cycle}年度项目支出绩效目标汇总";
        await fx.Smtp.WaitForAsync(To("finance@t.cn", toFinance), MailTimeout);
        await fx.Smtp.WaitForAsync(To("leader@t.cn", toFinance), MailTimeout);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(fx.Smtp.Messages, m => To("head.gy@t.cn", $"【已纳入汇总】{name}")(m));
        Assert.DoesNotContain(fx.Smtp.Messages, m => To("office@t.cn", toFinance)(m));
        // The group tasks the package opened were announced by the package mails, not by a second 新任务 mail.
        Assert.DoesNotContain(fx.Smtp.Messages, m => m.Subject?.StartsWith("【新任务】审定申报汇总", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Reassign_MailsTheNewAssigneeOnly()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var (_, _, id, name) = await NewDeclarationAsync(drafter);
        var subject = $"【新任务】审核申报表：{name}";
        await ActOk(drafter, id, "submit", new { });

        await ActOk(office, id, "reassign", new { assignee = "office2", comment = "请协助审核" });

        var mail = await fx.Smtp.WaitForAsync(To("office2@t.cn", subject), MailTimeout);
        Assert.Contains("该任务由陈主任", mail.TextBody, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(fx.Smtp.Messages, m => m.Subject == subject);
    }

    [Fact]
    public async Task AssignmentEvents_ConsumedAfterTheTaskMovedOn_MailNobody()
    {
        // The submit's group-task event and an earlier 转办's event can reach the consumer after a later 转办 committed
        // (seen in CI: the office's new assignee got the 新任务 mail twice). Each is replayed here after the task moved on.
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var (cycle, _, id, name) = await NewDeclarationAsync(drafter);
        var subject = $"【新任务】审核申报表：{name}";
        await ActOk(drafter, id, "submit", new { });
        await ActOk(office, id, "reassign", new { assignee = "office2", comment = "请协助审核" });
        await fx.Smtp.WaitForAsync(To("office2@t.cn", subject), MailTimeout);
        Guid taskId, officeId, office2Id;
        using (var scope = fx.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
            taskId = (await db.Tasks.SingleAsync(t => t.DeclarationId == id && t.CompletedAt == null)).Id;
            officeId = (await db.Users.SingleAsync(u => u.UserName == "office")).Id;
            office2Id = (await db.Users.SingleAsync(u => u.UserName == "office2")).Id;
        }
        var bus = fx.App.Services.GetRequiredService<IBus>();
        var at = DateTimeOffset.UtcNow;

        await bus.Publish(new TaskAssigned(Guid.NewGuid(), taskId, id, cycle, at, AssigneeId: null));
        await bus.Publish(new TaskAssigned(Guid.NewGuid(), taskId, id, cycle, at, AssigneeId: officeId));
        // A fresh assignment to the holder is news: once it arrives, the two stale events have had their turn too.
        await bus.Publish(new TaskAssigned(Guid.NewGuid(), taskId, id, cycle, at, AssigneeId: office2Id));
        await fx.Smtp.WaitForAsync(_ => fx.Smtp.Messages.Count(x => To("office2@t.cn", subject)(x)) == 2, MailTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(2, fx.Smtp.Messages.Count(m => m.Subject == subject));
        Assert.DoesNotContain(fx.Smtp.Messages, m => To("office@t.cn", subject)(m));
    }

    [Fact]
    public async Task OverdueAndEscalation_MailTheTaskHolders_ThenTheSectionHeadAndTheOffice()
    {
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var (_, _, id, name) = await NewDeclarationAsync(drafter);
        await ActOk(drafter, id, "submit", new { });
        await ActOk(office, id, "return", new { comment = "请补充测算依据" });
        var today = ChinaTime.Today(TimeProvider.System);
        Guid taskId;
        using (var scope = fx.App.Services.CreateScope())
        {
            // The task really is overdue (a reminder of a task whose due date is still ahead is dropped by the consumer).
            var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
            var task = await db.Tasks.SingleAsync(t => t.DeclarationId == id && t.CompletedAt == null);
            task.DueAt = ChinaTime.At(today.AddDays(-3), new TimeOnly(18, 0));
            await db.SaveChangesAsync();
            taskId = task.Id;
        }
        var bus = fx.App.Services.GetRequiredService<IBus>();

        await bus.Publish(new TaskOverdue(Guid.NewGuid(), taskId, today, 2));
        await bus.Publish(new TaskEscalated(Guid.NewGuid(), taskId, today, 2));

        var overdue = $"【已逾期】填报并提交申报表：{name}（已逾期2个工作日）";
        await fx.Smtp.WaitForAsync(To("drafter.gy@t.cn", overdue), MailTimeout);
        var escalated = $"【逾期督办】工业运行科 工业运行科经办人：填报并提交申报表（{name}）";
        await fx.Smtp.WaitForAsync(To("head.gy@t.cn", escalated), MailTimeout);
        await fx.Smtp.WaitForAsync(To("office@t.cn", escalated), MailTimeout);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.DoesNotContain(fx.Smtp.Messages, m => To("drafter.gy@t.cn", escalated)(m));
        Assert.DoesNotContain(fx.Smtp.Messages, m => To("office@t.cn", overdue)(m));
    }

    /// <summary>A draft of 工业运行科 in a budget cycle of its own.</summary>
    private async Task<(int Cycle, JsonObject Created, Guid Id, string Name)> NewDeclarationAsync(HttpClient drafter)
    {
        var cycle = await fx.NewCycleAsync();
        // Generated names repeat; the mails of one test are told apart from the others' by a name of its own.
        var form = RouteFixture.ValidForm();
        form.Name += $"（{cycle}）";
        var created = await RouteFixture.CreateAsync(drafter, cycle, form);
        return (cycle, created, created["id"]!.GetValue<Guid>(), created["name"]!.GetValue<string>());
    }

    internal static Func<MimeMessage, bool> To(string address, string subject) =>
        m => m.Subject == subject && m.To.Mailboxes.Any(b => b.Address == address);

    /// <summary>The deadline line the key figures must show, counted with the app's own working-day calendar.</summary>
    private string DeadlineLine(JsonObject declaration)
    {
        var due = declaration["dueAt"]!.GetValue<DateTimeOffset>();
        var calendar = fx.App.Services.GetRequiredService<IWorkingDayCalendar>();
        var left = calendar.WorkingDaysBetween(ChinaTime.Today(TimeProvider.System), DateOnly.FromDateTime(ChinaTime.ToChina(due).DateTime));
        return $"截止时间：{MailFormat.ChinaTime(due)}（{MailFormat.WorkingDays(left)}）";
    }

    private async Task<MailDelivery> WaitForDeliveryAsync(string subject, Func<MailDelivery, bool> match)
    {
        var deadline = DateTime.UtcNow + MailTimeout;
        while (DateTime.UtcNow < deadline)
        {
            using var scope = fx.App.Services.CreateScope();
            var rows = await scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>().MailDeliveries.AsNoTracking()
                .Where(d => d.Subject == subject && d.Recipient == "office@t.cn").ToListAsync();
            if (rows.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No delivery of '{subject}' to the office reached the expected state within {MailTimeout}.");
    }

    private async Task<Guid> UserIdAsync(string userName)
    {
        using var scope = fx.App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    internal static async Task<JsonObject> ActOk(HttpClient client, Guid id, string action, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/declarations/{id}/actions/{action}", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{action} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    internal static async Task PackageOk(HttpClient client, int cycle, string action)
    {
        using var response = await client.PostAsJsonAsync($"/api/packages/{cycle}/actions/{action}", new { });
        Assert.True(response.IsSuccessStatusCode, $"package {action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task UpdateOk(HttpClient client, Guid id, DeclarationForm form, int expectedVersion)
    {
        var body = JsonSerializer.SerializeToNode(form, DeclarationJson.Options)!.AsObject();
        body["expectedVersion"] = expectedVersion;
        using var response = await client.PutAsJsonAsync($"/api/declarations/{id}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
