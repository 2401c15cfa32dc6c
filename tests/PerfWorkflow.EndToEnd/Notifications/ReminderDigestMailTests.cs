using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.EndToEnd.Reminders;
using PerfWorkflow.EndToEnd.Route;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.EndToEnd.Notifications;

/// <summary>
/// Reminder mails on the real PostgreSQL, RabbitMQ and SMTP server on an ordinary week: Mon 2026-11-23 is T-3 for drafts
/// due Thu 11-26. The per-user digest, and a finished task's reminder that was already on its way.
/// </summary>
public sealed class ReminderDigestMailTests : ClockedHostsTest
{
    private const int Cycle = 2027;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateOnly DueDate = new(2026, 11, 26);

    [Fact]
    public async Task UserWithFiveDueSoonTasks_GetsOneDigest_AndUserWithOne_GetsTheSingleMail_OnceAcrossTwoHosts()
    {
        var clock = ClockedHosts.ClockAt(Today);
        var first = Hosts.Start(clock);
        var second = Hosts.Start(clock);
        await SeedAsync(first);
        var many = await DraftsDueAsync(first, "drafter.gy", 5);
        var one = await DraftsDueAsync(first, "drafter.xf", 1);

        await Task.WhenAll(ClockedHosts.SweepAsync(first), ClockedHosts.SweepAsync(second), ClockedHosts.SweepAsync(first), ClockedHosts.SweepAsync(second));
        await Hosts.WaitForOutboxDrainedAsync(Timeout);
        var digest = await Hosts.Smtp.WaitForAsync(m => Subject(m).StartsWith("【待办汇总】", StringComparison.Ordinal), Timeout);
        var single = await Hosts.Smtp.WaitForAsync(m => Subject(m).StartsWith("【即将到期】", StringComparison.Ordinal), Timeout);
        // Time for a late duplicate or a stray single mail to show.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal("【待办汇总】您有5项任务即将到期或已逾期（2026年11月23日（星期一））", digest.Subject);
        Assert.Equal(["drafter.gy@t.cn"], digest.To.Mailboxes.Select(b => b.Address));
        var text = (digest.TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.All(many, name => Assert.Contains($"《{name}》（剩余3个工作日）\n   工业运行科；科室起草；填报并提交申报表\n   截止：2026年11月26日（星期四）18:00\n", text, StringComparison.Ordinal));
        Assert.Equal($"【即将到期】填报并提交申报表：{one[0]}（剩余3个工作日）", single.Subject);
        Assert.Equal(["drafter.xf@t.cn"], single.To.Mailboxes.Select(b => b.Address));
        Assert.Equal(2, Reminders().Count);
        Assert.Equal(6L, await Hosts.Database.ScalarAsync<long>("SELECT count(*) FROM task_reminders"));
        Assert.Equal(1L, await Hosts.Database.ScalarAsync<long>("SELECT count(*) FROM reminder_digests"));

        // A later sweep the same day has nothing left to say.
        clock.Advance(TimeSpan.FromHours(6));
        Assert.Equal(0, await ClockedHosts.SweepAsync(second));
    }

    [Fact]
    public async Task TaskFinished_WhileItsReminderWaitsInTheOutbox_GetsNoMail_AndTheOpenTaskGetsItsOwn()
    {
        // The hosts' clock stays an hour before the sweep's, so the dispatcher holds the sweep's events until it moves on.
        var clock = new FakeTimeProvider(ChinaTime.At(Today, ClockedHosts.SweepTime.AddHours(-1)).ToUniversalTime());
        var app = Hosts.Start(clock);
        await SeedAsync(app);
        var names = await DraftsDueAsync(app, "drafter.gy", 1);
        names.AddRange(await DraftsDueAsync(app, "drafter.xf", 1));
        var (open, finished) = (names[0], names[1]);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sweep = new ReminderSweepJob(
                scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>(),
                scope.ServiceProvider.GetRequiredService<IWorkingDayCalendar>(),
                ClockedHosts.ClockAt(Today));
            Assert.Equal(2, await sweep.RunAsync(CancellationToken.None));
        }
        Assert.Equal(2L, await Hosts.Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"));
        await CompleteDraftOfAsync(app, finished, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(2));

        await Hosts.WaitForOutboxDrainedAsync(Timeout);
        var mail = await Hosts.Smtp.WaitForAsync(m => Subject(m).StartsWith("【即将到期】", StringComparison.Ordinal), Timeout);
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal($"【即将到期】填报并提交申报表：{open}（剩余3个工作日）", mail.Subject);
        Assert.Single(Reminders());
        // The skipped reminder was consumed and acknowledged: no delivery claimed, nothing faulted or parked.
        Assert.Equal(1L, await Hosts.Database.ScalarAsync<long>("SELECT count(*) FROM mail_deliveries WHERE \"Template\" = 'TaskDueSoon'"));
        Assert.Equal(0L, await Hosts.Database.ScalarAsync<long>("SELECT count(*) FROM dead_letter_messages"));
    }

    private static async Task SeedAsync(WebApplicationFactory<Program> app)
    {
        await TestOrganisation.SeedAsync(app.Services);
        await TestOrganisation.AddCycleAsync(app.Services, Cycle, new DateOnly(2026, 12, 30));
    }

    /// <summary>Drafts created through the API by <paramref name="drafter"/>, their draft tasks then due on Thu 11-26 18:00.</summary>
    private static async Task<List<string>> DraftsDueAsync(WebApplicationFactory<Program> app, string drafter, int count)
    {
        using var client = await RouteFixture.LoginAsync(app, drafter);
        var created = new List<(Guid Id, string Name)>();
        for (var i = 0; i < count; i++)
        {
            var declaration = await RouteFixture.CreateAsync(client, Cycle);
            created.Add((declaration["id"]!.GetValue<Guid>(), declaration["name"]!.GetValue<string>()));
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var ids = created.ConvertAll(c => c.Id);
        var dueAt = ChinaTime.At(DueDate, new TimeOnly(18, 0));
        var moved = await db.Tasks.Where(t => t.DeclarationId != null && ids.Contains(t.DeclarationId.Value) && t.Kind == TaskKind.Draft && t.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, dueAt));
        Assert.Equal(count, moved);
        return created.ConvertAll(c => c.Name);
    }

    private static async Task CompleteDraftOfAsync(WebApplicationFactory<Program> app, string name, DateTimeOffset at)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var declaration = await db.Declarations.SingleAsync(d => d.Name == name);
        var done = await db.Tasks.Where(t => t.DeclarationId == declaration.Id && t.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.CompletedAt, at).SetProperty(t => t.Outcome, "submit"));
        Assert.Equal(1, done);
    }

    private List<MimeMessage> Reminders() =>
        [.. Hosts.Smtp.Messages.Where(m => Subject(m).StartsWith("【即将到期】", StringComparison.Ordinal) || Subject(m).StartsWith("【待办汇总】", StringComparison.Ordinal))];

    private static string Subject(MimeMessage message) => message.Subject ?? "";
}
