using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.EndToEnd.Route;

/// <summary>
/// A calendar edit moves open due dates on the production path: PostgreSQL, the outbox through RabbitMQ, SMTP. A cycle due
/// at finance on Thu 2026-12-24 has its drafts due Fri 12-11; a holiday on Wed 12-16 makes that Thu 12-10.
/// </summary>
public sealed class CalendarDueDatesOnPostgresTests(RouteFixture fx) : IClassFixture<RouteFixture>
{
    [Fact]
    public async Task AHolidayInsideTheWindow_MovesTheDraftsDueDates_AuditsThem_AndMailsTheHolderOnce_InOneTransactionWithTheEdit()
    {
        const int Cycle = 2099;
        await TestOrganisation.AddCycleAsync(fx.App.Services, Cycle, new DateOnly(2026, 12, 24));
        using var drafter = await fx.LoginAsync("drafter.gy");
        var ids = new List<Guid>();
        for (var n = 0; n < 2; n++)
        {
            ids.Add((await RouteFixture.CreateAsync(drafter, Cycle))["id"]!.GetValue<Guid>());
        }
        var dec11 = new DateTimeOffset(2026, 12, 11, 18, 0, 0, TimeSpan.FromHours(8));
        var dec10 = new DateTimeOffset(2026, 12, 10, 18, 0, 0, TimeSpan.FromHours(8));
        Assert.All(await DueDatesAsync(ids), d => Assert.Equal((dec11, dec11), d));

        CalendarEditOutcome outcome;
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            outcome = await scope.ServiceProvider.GetRequiredService<CalendarEditor>().ApplyAsync(
                new CalendarEdit(CalendarEditAction.AddHoliday, new DateOnly(2026, 12, 16), "临时放假", "测试"),
                new Actor(Guid.NewGuid(), "测试管理员", UserRole.Admin, null), default);
        }

        Assert.True(outcome.Applied, outcome.Message);
        Assert.Equal(new DueDateShift(2, 2), outcome.Moved);
        Assert.All(await DueDatesAsync(ids), d => Assert.Equal((dec10, dec10), d));
        await using (var scope = fx.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
            var audits = await db.AuditEvents.AsNoTracking().Where(a => a.Action == ActionNames.DueMoved && ids.Contains(a.DeclarationId!.Value)).ToListAsync();
            Assert.Equal(2, audits.Count);
            Assert.All(audits, a => Assert.StartsWith("截止日期因工作日历调整：12月11日 → 12月10日", a.Comment, StringComparison.Ordinal));
            Assert.Equal(1, await db.CalendarOverrides.CountAsync());
        }
        var mail = await fx.Smtp.WaitForAsync(
            m => m.Subject?.StartsWith("【截止日期调整】", StringComparison.Ordinal) == true && m.To.Mailboxes.Any(b => b.Address == "drafter.gy@t.cn"),
            TimeSpan.FromSeconds(30));
        Assert.Equal("【截止日期调整】您有2项任务的截止日期调整", mail.Subject);
        await Task.Delay(1000);
        Assert.Single(fx.Smtp.Messages, m => m.Subject?.StartsWith("【截止日期调整】", StringComparison.Ordinal) == true && m.To.Mailboxes.Any(b => b.Address == "drafter.gy@t.cn"));
    }

    private async Task<List<(DateTimeOffset?, DateTimeOffset?)>> DueDatesAsync(List<Guid> ids)
    {
        await using var scope = fx.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var declarations = await db.Declarations.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.CompletedAt == null && ids.Contains(t.DeclarationId!.Value)).ToListAsync();
        return declarations.Select(d => (d.DueAt, tasks.Single(t => t.DeclarationId == d.Id).DueAt)).ToList();
    }
}
