using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Tests.Pages;

/// <summary>
/// Deadlines follow the calendar (issue 14 item 8). The demo's cycle is due at finance on Thu 2026-12-24: counted back
/// over the working days (1 to submit, 3 for the bureau, 5 for the office), the six drafts are due Fri 12-11 18:00, and
/// a day off or worked between 12-11 and 12-24 moves that date.
/// </summary>
public sealed class CalendarDueDatesTests
{
    private static readonly DateTimeOffset Dec11 = At(2026, 12, 11);

    [Fact]
    public async Task AHolidayAddedInsideTheWindow_MovesTheOpenDueDatesByOneWorkingDay_AuditsEachDeclaration_AndMailsEachHolderOnce()
    {
        await using var app = new PortalApp();
        var before = await DueDatesAsync(app);
        Assert.All(before, d => Assert.Equal((Dec11, Dec11), (d.Declaration, d.Task)));
        using var admin = await app.SignInAsync("admin");

        var flash = await EditAsync(admin, "AddHoliday", "2026-12-16", "临时放假");

        var after = await DueDatesAsync(app);
        Assert.Equal(6, after.Count);
        Assert.All(after, d => Assert.Equal((At(2026, 12, 10), At(2026, 12, 10)), (d.Declaration, d.Task)));
        Assert.Contains("6 项未办结待办、6 张申报表的截止日期已按新日历重新计算", flash, StringComparison.Ordinal);
        var audits = await AuditsAsync(app);
        Assert.Equal(6, audits.Count);
        Assert.Equal(6, audits.Select(a => a.DeclarationId).Distinct().Count());
        Assert.All(audits, a => Assert.Equal("截止日期因工作日历调整：12月11日 → 12月10日（2026-12-16（星期三）设为节假日（临时放假））", a.Comment));
        Assert.All(audits, a => Assert.Equal("系统管理员", a.ActorName));
        var versions = await app.WithDomainAsync((db, _) => db.Declarations.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Version));
        Assert.All(audits, a => Assert.Equal(versions[a.DeclarationId!.Value], a.Version)); // the version the move applies to

        // The three drafts of each 科室 are one candidate group: one mail each, listing three.
        var gy = await WaitForDeadlineMailAsync(app, "drafter.gy@futian.example.cn");
        await WaitForDeadlineMailAsync(app, "drafter.xf@futian.example.cn");
        await Task.Delay(500);
        Assert.Single(await DeadlineMailsAsync(app, "drafter.gy@futian.example.cn"));
        Assert.Empty(await DeadlineMailsAsync(app, "head.gy@futian.example.cn"));
        Assert.Equal("【截止日期调整】您有3项任务的截止日期调整", gy.Subject);
        Assert.Contains("2026-12-16（星期三）设为节假日（临时放假）", gy.TextBody, StringComparison.Ordinal);
        Assert.Contains("2026年12月11日（星期五）18:00 → 2026年12月10日（星期四）18:00", gy.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHolidayOutsideTheWindow_ChangesNoDueDate_AuditsNothing_AndMailsNobody()
    {
        await using var app = new PortalApp();
        using var admin = await app.SignInAsync("admin");

        var early = await EditAsync(admin, "AddHoliday", "2026-12-01", "临时放假");
        var late = await EditAsync(admin, "AddHoliday", "2026-12-28", "临时放假");

        Assert.All(await DueDatesAsync(app), d => Assert.Equal((Dec11, Dec11), (d.Declaration, d.Task)));
        Assert.Contains("没有未办结的待办或申报表的截止日期因此改变", early, StringComparison.Ordinal);
        Assert.Contains("没有未办结的待办或申报表的截止日期因此改变", late, StringComparison.Ordinal);
        Assert.Empty(await AuditsAsync(app));
        await Task.Delay(500);
        Assert.Empty(await DeadlineMailsAsync(app, "drafter.gy@futian.example.cn"));
    }

    [Fact]
    public async Task TakingTheHolidayBack_MovesTheDueDatesBack_AndAuditsBothMoves()
    {
        await using var app = new PortalApp();
        using var admin = await app.SignInAsync("admin");

        await EditAsync(admin, "AddHoliday", "2026-12-16", "临时放假");
        var flash = await EditAsync(admin, "RemoveHoliday", "2026-12-16", "");

        Assert.All(await DueDatesAsync(app), d => Assert.Equal((Dec11, Dec11), (d.Declaration, d.Task)));
        Assert.Contains("6 项未办结待办、6 张申报表", flash, StringComparison.Ordinal);
        var audits = await AuditsAsync(app);
        Assert.Equal(12, audits.Count);
        Assert.Equal(6, audits.Count(a => a.Comment!.StartsWith("截止日期因工作日历调整：12月10日 → 12月11日（2026-12-16（星期三）取消节假日）", StringComparison.Ordinal)));
        var mails = await WaitForDeadlineMailsAsync(app, "drafter.gy@futian.example.cn", 2);
        Assert.Equal(2, mails.Count);
    }

    [Fact]
    public async Task AMakeUpSaturdayInsideTheWindow_GivesOneMoreWorkingDay()
    {
        await using var app = new PortalApp();
        using var admin = await app.SignInAsync("admin");

        await EditAsync(admin, "AddMakeUpWorkday", "2026-12-19", "元旦");

        // 12-23 (bureau), 3 back: 12-22, 12-21, Sat 12-19 → office 12-19; 5 back: 12-18 … 12-14 → drafts due Mon 12-14.
        Assert.All(await DueDatesAsync(app), d => Assert.Equal((At(2026, 12, 14), At(2026, 12, 14)), (d.Declaration, d.Task)));
        Assert.All(await AuditsAsync(app), a => Assert.StartsWith("截止日期因工作日历调整：12月11日 → 12月14日（2026-12-19（星期六）设为调休上班日（元旦））", a.Comment, StringComparison.Ordinal));
        Assert.Equal(6, (await AuditsAsync(app)).Count);
    }

    [Fact]
    public async Task AReturnedDeclaration_CountsForwardFromItsReturn_AndAHolidayInItsTwoDaysMovesItLater()
    {
        await using var app = new PortalApp();
        var draft = await app.FirstDeclarationOfAsync("gy");
        var drafter = await app.ActorAsync("drafter.gy");
        var office = await app.ActorAsync("office");
        await app.WithDomainAsync(async (_, workflow) =>
        {
            Assert.IsType<ActionOutcome.Done>(await workflow.ActAsync(drafter, draft.Id, ActionNames.Submit, new ActionRequest(), null, default));
            return Assert.IsType<ActionOutcome.Done>(await workflow.ActAsync(office, draft.Id, ActionNames.Return, new ActionRequest { Comment = "请补充测算依据" }, null, default));
        });
        // Returned on Thu 11-26 09:00: two working days → Mon 11-30 18:00.
        var returned = (await DueDatesAsync(app)).Single(d => d.Id == draft.Id);
        Assert.Equal((At(2026, 11, 30), At(2026, 11, 30)), (returned.Declaration, returned.Task));
        using var admin = await app.SignInAsync("admin");

        await EditAsync(admin, "AddHoliday", "2026-11-27", "临时放假");

        var moved = (await DueDatesAsync(app)).Single(d => d.Id == draft.Id);
        Assert.Equal((At(2026, 12, 1), At(2026, 12, 1)), (moved.Declaration, moved.Task));
        var audit = Assert.Single(await AuditsAsync(app));
        Assert.Equal(draft.Id, audit.DeclarationId);
        Assert.StartsWith("截止日期因工作日历调整：11月30日 → 12月1日", audit.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AYearFileReloadedWithAnotherHoliday_MovesTheDueDates_AndAReloadOfTheSameFilesMovesNothing()
    {
        var folder = Directory.CreateTempSubdirectory("pw-calendar-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "calendar"), "*.json"))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            await using var app = new PortalApp();
            await using var factory = app.Factory.WithWebHostBuilder(b => b.UseSetting("Calendar:Directory", folder));
            using var admin = EmbeddedApp.CreateDiagnosedClient(factory, app.Errors, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using (var login = await PortalApp.PostFormAsync(admin, "/login", "/login", new() { ["UserName"] = "admin", ["Password"] = PortalApp.DemoPassword }))
            {
                Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            }
            var path = Path.Combine(folder, "2026.json");
            var year = JsonNode.Parse(File.ReadAllText(path))!;
            year["holidays"]!.AsArray().Add(new JsonObject { ["name"] = "临时放假", ["from"] = "2026-12-16", ["to"] = "2026-12-16" });
            File.WriteAllText(path, year.ToJsonString());

            var first = await ReloadAsync(admin);
            var second = await ReloadAsync(admin);

            Assert.Contains("6 项未办结待办、6 张申报表的截止日期已按新日历重新计算", first, StringComparison.Ordinal);
            Assert.DoesNotContain("截止日期已按新日历重新计算", second, StringComparison.Ordinal);
            Assert.All(await DueDatesAsync(factory.Services), d => Assert.Equal((At(2026, 12, 10), At(2026, 12, 10)), (d.Declaration, d.Task)));
            var audits = await AuditsAsync(factory.Services);
            Assert.Equal(6, audits.Count);
            Assert.All(audits, a => Assert.Equal("截止日期因工作日历调整：12月11日 → 12月10日（年度日历文件更新）", a.Comment));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> ReloadAsync(HttpClient admin)
    {
        using var response = await PortalApp.PostFormAsync(admin, "/admin/calendar", "/admin/calendar?handler=Reload", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(response.Headers.Location!.OriginalString));
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 18, 0, 0, TimeSpan.FromHours(8));

    private sealed record DueDates(Guid Id, DateTimeOffset? Declaration, DateTimeOffset? Task);

    private static Task<List<DueDates>> DueDatesAsync(PortalApp app) => DueDatesAsync(app.Factory.Services);

    private static async Task<List<DueDates>> DueDatesAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var declarations = await db.Declarations.AsNoTracking().ToListAsync();
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.CompletedAt == null).ToListAsync();
        return declarations.Select(d => new DueDates(d.Id, d.DueAt, tasks.Single(t => t.DeclarationId == d.Id).DueAt)).ToList();
    }

    private static Task<List<AuditEvent>> AuditsAsync(PortalApp app) => AuditsAsync(app.Factory.Services);

    private static async Task<List<AuditEvent>> AuditsAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        return await db.AuditEvents.AsNoTracking().Where(a => a.Action == ActionNames.DueMoved).OrderBy(a => a.Id).ToListAsync();
    }

    /// <summary>Posts one calendar edit as the admin and returns the page's flash message.</summary>
    private static async Task<string> EditAsync(HttpClient admin, string action, string date, string name)
    {
        using var response = await PortalApp.PostFormAsync(admin, "/admin/calendar", "/admin/calendar", new()
        {
            ["Input.Action"] = action, ["Input.Date"] = date, ["Input.Name"] = name, ["Input.Note"] = "区政府通知〔2026〕1号",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync(response.Headers.Location!.OriginalString));
    }

    private static async Task<List<MimeMessage>> DeadlineMailsAsync(PortalApp app, string to)
    {
        var folder = Path.Combine(app.DataDirectory, "mail");
        var found = new List<MimeMessage>();
        if (!Directory.Exists(folder))
        {
            return found;
        }
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => m.Address == to) && message.Subject?.StartsWith("【截止日期调整】", StringComparison.Ordinal) == true)
            {
                found.Add(message);
            }
        }
        return found;
    }

    private static async Task<MimeMessage> WaitForDeadlineMailAsync(PortalApp app, string to) => (await WaitForDeadlineMailsAsync(app, to, 1))[0];

    private static async Task<List<MimeMessage>> WaitForDeadlineMailsAsync(PortalApp app, string to, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var mails = await DeadlineMailsAsync(app, to);
            if (mails.Count >= count)
            {
                return mails;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Fewer than {count} 【截止日期调整】 mails to {to} within 30 s.");
    }
}
