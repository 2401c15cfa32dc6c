using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.EndToEnd.Reminders;
using PerfWorkflow.EndToEnd.Route;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.EndToEnd.Notifications;

/// <summary>
/// The reminder sweep across 国庆 2026 ending in the SMTP server: an office review task due Fri 10-09, the fake clock moved
/// day by day from 09-24 to 10-13 with a sweep at 09:00 and 15:00, each day's mail drained before the clock moves on.
/// </summary>
public sealed class ReminderMailTests : ClockedHostsTest
{
    private const int Cycle = 2027;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);
    private static readonly DateOnly DueDate = new(2026, 10, 9);
    private static readonly DateOnly LastDay = new(2026, 10, 13);
    private static readonly string[] Office = ["office@t.cn", "office2@t.cn"];

    /// <summary>
    /// The emails of each day, worked out by hand on the official calendar (see ReminderSweepTests): T-3 Tue 09-29, T-1
    /// Thu 10-08, T-0 Fri 10-09 to the office group; the make-up Saturday 10-10 is overdue by one working day and brings
    /// the escalation to the 科室负责人 and the office; Sun 10-11 is off; overdue again Mon 10-12 and Tue 10-13.
    /// </summary>
    private static Dictionary<DateOnly, (string Subject, string To)[]> Expected(string name)
    {
        static (string, string)[] ToOffice(string subject) => [.. Office.Select(to => (subject, to))];
        var escalation = $"【逾期督办】办公室：审核申报表（{name}）";
        return new()
        {
            [new DateOnly(2026, 9, 29)] = ToOffice($"【即将到期】审核申报表：{name}（剩余3个工作日）"),
            [new DateOnly(2026, 10, 8)] = ToOffice($"【即将到期】审核申报表：{name}（剩余1个工作日）"),
            [new DateOnly(2026, 10, 9)] = ToOffice($"【即将到期】审核申报表：{name}（今天到期）"),
            [new DateOnly(2026, 10, 10)] =
            [
                .. ToOffice($"【已逾期】审核申报表：{name}（已逾期1个工作日）"),
                (escalation, "head.gy@t.cn"), (escalation, "office@t.cn"), (escalation, "office2@t.cn"),
            ],
            [new DateOnly(2026, 10, 12)] = ToOffice($"【已逾期】审核申报表：{name}（已逾期2个工作日）"),
            [new DateOnly(2026, 10, 13)] = ToOffice($"【已逾期】审核申报表：{name}（已逾期3个工作日）"),
        };
    }

    [Fact]
    public async Task HolidayWeek_SweptTwiceADay_MailsEachReminderOnce_OnItsWorkingDay()
    {
        var clock = ClockedHosts.ClockAt(new DateOnly(2026, 9, 24));
        var app = Hosts.Start(clock);

        await SweepHolidayWeekAsync(clock, app, () => ClockedHosts.SweepAsync(app));
    }

    [Fact]
    public async Task TwoHosts_SweepingConcurrently_StillMailEachReminderOnce()
    {
        var clock = ClockedHosts.ClockAt(new DateOnly(2026, 9, 24));
        var first = Hosts.Start(clock);
        var second = Hosts.Start(clock);

        await SweepHolidayWeekAsync(clock, first, () => Task.WhenAll(
            ClockedHosts.SweepAsync(first), ClockedHosts.SweepAsync(second), ClockedHosts.SweepAsync(first), ClockedHosts.SweepAsync(second)));
    }

    /// <summary>Submits a declaration on 09-24, then sweeps each day and checks the new reminder emails of that day.</summary>
    private async Task SweepHolidayWeekAsync(FakeTimeProvider clock, WebApplicationFactory<Program> app, Func<Task> sweep)
    {
        var name = await SubmitOfficeReviewDueOnAsync(app, DueDate);
        var expected = Expected(name);
        var seen = new List<(string Subject, string To)>();
        var arrived = new Dictionary<DateOnly, List<(string Subject, string To)>>();

        await Hosts.EachDayAsync(clock, LastDay, DrainTimeout, async day =>
        {
            await sweep();
            await Hosts.WaitForOutboxDrainedAsync(DrainTimeout);
            clock.Advance(TimeSpan.FromHours(6));
            await sweep();
            await Hosts.WaitForOutboxDrainedAsync(DrainTimeout);
            var due = seen.Count + (expected.TryGetValue(day, out var mails) ? mails.Length : 0);
            var now = await WaitForRemindersAsync(name, due);
            arrived[day] = now[seen.Count..];
            seen = now;
        });
        // Time for a late duplicate to show.
        await Task.Delay(TimeSpan.FromSeconds(3));

        for (var day = new DateOnly(2026, 9, 24); day <= LastDay; day = day.AddDays(1))
        {
            var want = expected.TryGetValue(day, out var mails) ? mails : [];
            Assert.Equal(Sorted(want), Sorted(arrived[day]));
        }
        Assert.Equal(expected.Values.Sum(m => m.Length), RemindersOf(name).Count);
        var perMail = RemindersOf(name).GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(perMail);
    }

    /// <summary>A declaration of 工业运行科 submitted through the API, its office review task then due on <paramref name="due"/>.</summary>
    private static async Task<string> SubmitOfficeReviewDueOnAsync(WebApplicationFactory<Program> app, DateOnly due)
    {
        await TestOrganisation.SeedAsync(app.Services);
        await TestOrganisation.AddCycleAsync(app.Services, Cycle, new DateOnly(2026, 12, 30));
        using var drafter = await RouteFixture.LoginAsync(app, "drafter.gy");
        var created = await RouteFixture.CreateAsync(drafter, Cycle);
        var id = created["id"]!.GetValue<Guid>();
        await MailDeliveryTests.ActOk(drafter, id, "submit", new { });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var dueAt = ChinaTime.At(due, new TimeOnly(18, 0));
        var moved = await db.Tasks.Where(t => t.DeclarationId == id && t.Kind == TaskKind.OfficeReview && t.CompletedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, dueAt));
        Assert.Equal(1, moved);
        await db.Declarations.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, dueAt));
        return created["name"]!.GetValue<string>();
    }

    private async Task<List<(string Subject, string To)>> WaitForRemindersAsync(string name, int count)
    {
        var deadline = DateTime.UtcNow + DrainTimeout;
        while (RemindersOf(name).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{RemindersOf(name).Count} of {count} reminder emails arrived within {DrainTimeout}.");
            await Task.Delay(50);
        }
        return RemindersOf(name);
    }

    /// <summary>The reminder and escalation emails about the declaration, in arrival order.</summary>
    private List<(string Subject, string To)> RemindersOf(string name) =>
    [
        .. Hosts.Smtp.Messages.Select(m => (Subject: m.Subject ?? "", Message: m))
            .Where(m => IsReminder(m.Subject) && m.Subject.Contains(name, StringComparison.Ordinal))
            .SelectMany(m => m.Message.To.Mailboxes.Select(b => (m.Subject, b.Address))),
    ];

    private static bool IsReminder(string s) =>
        s.StartsWith("【即将到期】", StringComparison.Ordinal) || s.StartsWith("【已逾期】", StringComparison.Ordinal)
            || s.StartsWith("【逾期督办】", StringComparison.Ordinal);

    private static List<(string Subject, string To)> Sorted(IEnumerable<(string Subject, string To)> mails) =>
        [.. mails.OrderBy(m => m.Subject, StringComparer.Ordinal).ThenBy(m => m.To, StringComparer.Ordinal)];
}
