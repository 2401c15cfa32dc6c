using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Api.Tests.Hosting;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Tests.Pages;

public sealed class AdminPageTests
{
    [Theory]
    [InlineData("drafter.gy", "/admin")]
    [InlineData("office", "/admin")]
    [InlineData("office", "/admin/dead-letters")]
    [InlineData("office", "/admin/calendar")]
    [InlineData("drafter.gy", "/admin/mail")]
    [InlineData("leader", "/admin/mail")]
    [InlineData("drafter.gy", "/admin/calendar")]
    public async Task AdminPages_AnswerForbidden_ToRolesTheyAreNotFor(string user, string path)
    {
        await using var app = new PortalApp();
        using var client = await app.SignInAsync(user);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("office", "/admin/calendar", "系统管理页面只对系统管理员开放")]
    [InlineData("leader", "/admin/mail", "邮件投递记录只对系统管理员和办公室开放")]
    [InlineData("drafter.gy", "/dashboard?cycle=2025", "办公室看板只对办公室和系统管理员开放")]
    [InlineData("finance", "/dashboard/", "办公室看板只对办公室和系统管理员开放")]
    [InlineData("admin", "/account/notifications", "通知设置只对办公室人员开放")]
    [InlineData("office", "/declarations/new", "新建申报表由科室经办人或科室负责人办理")]
    [InlineData("head.gy", "/package/print?cycle=2027", "全局申报包只对办公室、局领导和区财政局开放")]
    public async Task RefusedPages_SayWhoTheyAreFor(string user, string path, string sentence)
    {
        await using var app = new PortalApp();
        using var client = await app.SignInAsync(user);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(sentence, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACalendarEdit_PostedByTheOffice_Is403_AndChangesNothing()
    {
        await using var app = new PortalApp();
        using var office = await app.SignInAsync("office");
        var before = await app.WithDomainAsync((db, _) => db.CalendarOverrides.CountAsync());

        // The office takes a valid antiforgery token from a page it may open, and posts the admin's form with it.
        using var response = await PortalApp.PostFormAsync(office, "/dashboard", "/admin/calendar", new()
        {
            ["Input.Action"] = "AddHoliday", ["Input.Date"] = "2026-12-16", ["Input.Name"] = "临时放假", ["Input.Note"] = "",
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("系统管理页面只对系统管理员开放", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDomainAsync((db, _) => db.CalendarOverrides.CountAsync()));
    }

    [Fact]
    public void EveryAdminAndOfficePage_NamesItsPolicy_InsteadOfCheckingRolesByHand()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel))
                        && (t.Namespace == "PerfWorkflow.Api.Pages.Admin"
                            || t.Name is "DashboardModel" or "PackageModel" or "PackagePrintModel" or "NewModel" or "NotificationsModel"))
            .ToList();

        Assert.True(pages.Count >= 9, string.Join(", ", pages.Select(p => p.Name)));
        Assert.All(pages, page => Assert.False(string.IsNullOrEmpty(
            page.GetCustomAttributes(typeof(Microsoft.AspNetCore.Authorization.AuthorizeAttribute), inherit: true)
                .Cast<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().SingleOrDefault()?.Policy)));
    }

    [Theory]
    [InlineData("admin", "/admin", "系统管理")]
    [InlineData("admin", "/admin/mail", "邮件投递")]
    [InlineData("admin", "/admin/dead-letters", "死信消息")]
    [InlineData("admin", "/admin/calendar", "工作日历")]
    [InlineData("office", "/admin/mail", "邮件投递")]
    public async Task AdminPages_Open_ForTheRolesTheyAreFor(string user, string path, string heading)
    {
        await using var app = new PortalApp();
        using var client = await app.SignInAsync(user);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<h1>{heading}</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_TakesTheAdmin_ToTheAdminOverview_WithTheAdminNavigation()
    {
        await using var app = new PortalApp();
        using var admin = await app.SignInAsync("admin");

        using var root = await admin.GetAsync("/");
        var overview = await admin.GetStringAsync("/admin");

        Assert.Equal("/admin", root.Headers.Location?.OriginalString);
        Assert.Contains("<a href=\"/admin/dead-letters\"", overview, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/admin/calendar\"", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_CountsFailedMails_AndDeadLetters()
    {
        await using var app = new PortalApp();
        var now = app.Clock.GetUtcNow();
        await app.WithDomainAsync(async (db, _) =>
        {
            db.MailDeliveries.Add(Delivery("a@futian.example.cn", MailDeliveryStatus.Failed, now.AddHours(-2)));
            db.MailDeliveries.Add(Delivery("b@futian.example.cn", MailDeliveryStatus.Failed, now.AddHours(-1)));
            db.DeadLetterMessages.Add(Letter(Guid.NewGuid(), Guid.NewGuid(), now));
            return await db.SaveChangesAsync();
        });
        using var admin = await app.SignInAsync("admin");

        var overview = await admin.GetStringAsync("/admin");

        Assert.Contains("<span class=\"big-number\">2</span> 封被永久拒收", overview, StringComparison.Ordinal);
        Assert.Contains("<span class=\"big-number\">1</span> 条待重新投递", overview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MailPage_ListsRefusedMailsNewestFirst_AndLongPendingOnesOnTheirTab_ButNotSentOrRecentOnes()
    {
        await using var app = new PortalApp();
        var now = app.Clock.GetUtcNow();
        await app.WithDomainAsync(async (db, _) =>
        {
            db.MailDeliveries.Add(Delivery("older@futian.example.cn", MailDeliveryStatus.Failed, now.AddHours(-3)));
            db.MailDeliveries.Add(Delivery("newer@futian.example.cn", MailDeliveryStatus.Failed, now.AddHours(-1)));
            db.MailDeliveries.Add(Delivery("sent@futian.example.cn", MailDeliveryStatus.Sent, now.AddHours(-1)));
            db.MailDeliveries.Add(Delivery("stuck@futian.example.cn", MailDeliveryStatus.Pending, now.AddHours(-2)));
            db.MailDeliveries.Add(Delivery("retrying@futian.example.cn", MailDeliveryStatus.Pending, now.AddMinutes(-5)));
            return await db.SaveChangesAsync();
        });
        using var office = await app.SignInAsync("office");

        var failed = await office.GetStringAsync("/admin/mail");
        var pending = await office.GetStringAsync("/admin/mail?show=pending");

        Assert.True(failed.IndexOf("newer@", StringComparison.Ordinal) < failed.IndexOf("older@", StringComparison.Ordinal));
        Assert.Contains("550 5.1.1 mailbox unavailable", failed, StringComparison.Ordinal);
        Assert.Contains("逾期提醒", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("sent@", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("stuck@", failed, StringComparison.Ordinal);
        Assert.Contains("stuck@", pending, StringComparison.Ordinal);
        Assert.DoesNotContain("retrying@", pending, StringComparison.Ordinal);
        Assert.DoesNotContain("newer@", pending, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetterPage_ListsEveryLetter_NewestFirst_FiftyAPage()
    {
        await using var app = new PortalApp();
        var declaration = await app.FirstDeclarationOfAsync("gy");
        const int Letters = 120;
        var ids = await app.WithDomainAsync(async (db, _) =>
        {
            var letters = Enumerable.Range(0, Letters).Select(_ => Letter(Guid.NewGuid(), declaration.Id, app.Clock.GetUtcNow())).ToList();
            db.DeadLetterMessages.AddRange(letters);
            await db.SaveChangesAsync();
            return letters.Select(l => l.Id).OrderDescending().ToList();
        });
        using var admin = await app.SignInAsync("admin");

        var first = await admin.GetStringAsync("/admin/dead-letters");
        var next = WebUtility.HtmlDecode(Regex.Match(first, "<a href=\"([^\"]+)\">下一页</a>").Groups[1].Value);
        var second = await admin.GetStringAsync(next);
        var last = await admin.GetStringAsync("/admin/dead-letters?p=3");

        static List<long> Listed(string page) =>
            [.. Regex.Matches(page, "<td class=\"code\">#(\\d+)</td>").Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(ids.Take(50), Listed(first));
        Assert.Equal(ids.Skip(50).Take(50), Listed(second));
        Assert.Equal(ids.Skip(100), Listed(last));
        Assert.Contains("第 1 / 3 页", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetterPage_ShowsTheTypeInChinese_AndTheDeclaration_AndReplaysExactlyOnce()
    {
        await using var app = new PortalApp();
        var declaration = await app.FirstDeclarationOfAsync("gy");
        var messageId = Guid.NewGuid();
        var received = new ConcurrentQueue<Guid>();
        var handle = app.Factory.Services.GetRequiredService<IBus>().ConnectReceiveEndpoint($"admin-replay-{messageId:N}", e =>
            e.Handler<DeclarationAccepted>(context =>
            {
                received.Enqueue(context.Message.EventId);
                return Task.CompletedTask;
            }));
        await handle.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        var letterId = await app.WithDomainAsync(async (db, _) =>
        {
            var letter = Letter(messageId, declaration.Id, app.Clock.GetUtcNow());
            db.DeadLetterMessages.Add(letter);
            await db.SaveChangesAsync();
            return letter.Id;
        });
        using var admin = await app.SignInAsync("admin");

        var list = await admin.GetStringAsync("/admin/dead-letters");
        var form = new Dictionary<string, string> { ["id"] = letterId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["messageId"] = messageId.ToString() };
        using var first = await PortalApp.PostFormAsync(admin, "/admin/dead-letters", "/admin/dead-letters?handler=Replay", new(form));
        var afterFirst = await admin.GetStringAsync("/admin/dead-letters");
        await WaitUntilAsync(() => received.Contains(messageId));
        using var second = await PortalApp.PostFormAsync(admin, "/admin/dead-letters", "/admin/dead-letters?handler=Replay", new(form));
        var afterSecond = await admin.GetStringAsync("/admin/dead-letters");
        await Task.Delay(500);

        Assert.Contains("申报表纳入汇总", list, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/declarations/{declaration.Id}\">{WebUtility.HtmlEncode(declaration.Code)}", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains($"死信 #{letterId} 已放回发件箱", afterFirst, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Contains($"死信 #{letterId} 已经重新投递过", afterSecond, StringComparison.Ordinal);
        Assert.Contains("本次没有再次投递", afterSecond, StringComparison.Ordinal);
        Assert.Single(received, id => id == messageId);
        await app.WithDomainAsync(async (db, _) =>
        {
            Assert.Equal(0, await db.DeadLetterMessages.CountAsync());
            return 0;
        });
        await handle.StopAsync();
    }

    [Fact]
    public async Task CalendarEdit_MakesADayAHoliday_ForTheWholeApp_AndTellsHowManyDueDatesItMoved()
    {
        await using var app = new PortalApp();
        var calendar = app.Factory.Services.GetRequiredService<IWorkingDayCalendar>();
        var (due, openTasks) = await app.WithDomainAsync(async (db, _) =>
        {
            var dues = await db.Tasks.Where(t => t.CompletedAt == null && t.DueAt != null).Select(t => t.DueAt!.Value).ToListAsync();
            var day = dues.Select(d => DateOnly.FromDateTime(ChinaTime.ToChina(d).DateTime)).GroupBy(d => d).OrderByDescending(g => g.Count()).First();
            return (day.Key, day.Count());
        });
        Assert.True(calendar.IsWorkingDay(due));
        using var admin = await app.SignInAsync("admin");

        using var response = await PortalApp.PostFormAsync(admin, "/admin/calendar", "/admin/calendar", new()
        {
            ["Input.Action"] = "AddHoliday", ["Input.Date"] = Iso(due), ["Input.Name"] = "临时放假", ["Input.Note"] = "区政府通知〔2026〕1号",
        });
        var page = await admin.GetStringAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(calendar.IsWorkingDay(due));
        Assert.Equal("临时放假", calendar.Describe(due).HolidayName);
        Assert.Contains($"已将 {Iso(due)}", page, StringComparison.Ordinal);
        Assert.Contains($"{openTasks} 项未办结待办、{openTasks} 张申报表的截止日期已按新日历重新计算", page, StringComparison.Ordinal);
        Assert.Contains("区政府通知〔2026〕1号", page, StringComparison.Ordinal);
        Assert.Contains("系统管理员", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarEdit_TakesBackAFileHoliday_AndAddsAMakeUpSaturday()
    {
        await using var app = new PortalApp();
        var calendar = app.Factory.Services.GetRequiredService<IWorkingDayCalendar>();
        using var admin = await app.SignInAsync("admin");

        using var removed = await PortalApp.PostFormAsync(admin, "/admin/calendar", "/admin/calendar", new()
        {
            ["Input.Action"] = "RemoveHoliday", ["Input.Date"] = "2026-10-07", ["Input.Note"] = "更正",
        });
        using var added = await PortalApp.PostFormAsync(admin, "/admin/calendar", "/admin/calendar", new()
        {
            ["Input.Action"] = "AddMakeUpWorkday", ["Input.Date"] = "2026-11-28", ["Input.Name"] = "国庆节", ["Input.Note"] = "更正",
        });

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 7)));
        Assert.Equal(CalendarDayKind.MakeUpWorkday, calendar.Describe(new DateOnly(2026, 11, 28)).Kind);
        Assert.Equal(new DateOnly(2026, 11, 28), calendar.AddWorkingDays(new DateOnly(2026, 11, 27), 1));
    }

    [Theory]
    [InlineData("AddMakeUpWorkday", "2026-11-27", "国庆节", "备注", "调休上班日必须是星期六或星期日")]
    [InlineData("AddHoliday", "2026-10-10", "国庆节", "备注", "一天不能既放假又上班")]
    [InlineData("AddHoliday", "2031-05-06", "劳动节", "备注", "只能调整 2024–2030 年的日历")]
    [InlineData("AddHoliday", "2027-05-06", "劳动节", "备注", "2027 年的节假日安排尚未载入或未确认")]
    [InlineData("AddHoliday", "2026-12-01", "临时放假", " ", "请填写备注")]
    [InlineData("RemoveMakeUpWorkday", "2026-12-05", "", "备注", "不是调休上班日")]
    public async Task InvalidCalendarEdits_AreRefusedInChinese_AndChangeNothing(string action, string date, string name, string note, string message)
    {
        await using var app = new PortalApp();
        var calendar = app.Factory.Services.GetRequiredService<IWorkingDayCalendar>();
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        var before = calendar.Describe(day);
        using var admin = await app.SignInAsync("admin");

        using var response = await PortalApp.PostFormAsync(admin, "/admin/calendar", "/admin/calendar", new()
        {
            ["Input.Action"] = action, ["Input.Date"] = date, ["Input.Name"] = name, ["Input.Note"] = note,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, calendar.Describe(day));
        Assert.Equal(0, await app.WithDomainAsync((db, _) => db.CalendarOverrides.CountAsync()));
    }

    [Fact]
    public async Task CalendarEdits_SurviveARestart_OnTheSameDatabase()
    {
        var saturday = new DateOnly(2026, 12, 5);
        string folder;
        await using (var first = new EmbeddedApp { KeepData = true })
        {
            folder = first.DataDirectory;
            using var admin = await PortalClient.SignInAsync(first, "admin");
            using var response = await admin.PostFormAsync("/admin/calendar", "/admin/calendar", new()
            {
                ["Input.Action"] = "AddMakeUpWorkday", ["Input.Date"] = Iso(saturday), ["Input.Name"] = "元旦", ["Input.Note"] = "测试重启",
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using var second = EmbeddedApp.OnDataOf(folder);
        using var again = await PortalClient.SignInAsync(second, "admin");
        var page = await again.GetStringAsync("/admin/calendar?year=2026");

        Assert.True(second.Services.GetRequiredService<IWorkingDayCalendar>().IsWorkingDay(saturday));
        Assert.Contains("测试重启", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReloadButton_RefusesABadYearFile_InChinese_AndKeepsTheCalendar_ThenLoadsItOnceCorrected()
    {
        var folder = Directory.CreateTempSubdirectory("pw-calendar-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "calendar"), "*.json"))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            await using var app = new EmbeddedApp();
            await using var factory = app.WithWebHostBuilder(b => b.UseSetting("Calendar:Directory", folder));
            using var admin = EmbeddedApp.CreateDiagnosedClient(factory, app.Errors, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using (var login = await PortalApp.PostFormAsync(admin, "/login", "/login", new() { ["UserName"] = "admin", ["Password"] = PortalApp.DemoPassword }))
            {
                Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            }
            var calendar = factory.Services.GetRequiredService<IWorkingDayCalendar>();
            const string Year2028 = """{"year": 2028, "source": "测试", "holidays": [{"name": "元旦", "from": "2028-01-01", "to": "2028-01-03"}], "workdays": [{"date": "DAY", "for": "元旦"}]}""";

            File.WriteAllText(Path.Combine(folder, "2028.json"), Year2028.Replace("DAY", "2028-01-07", StringComparison.Ordinal));
            using var refused = await PortalApp.PostFormAsync(admin, "/admin/calendar", "/admin/calendar?handler=Reload", []);
            var refusedPage = await refused.Content.ReadAsStringAsync();
            var statusAfterRefusal = calendar.GetYearStatus(2028);
            File.WriteAllText(Path.Combine(folder, "2028.json"), Year2028.Replace("DAY", "2028-01-08", StringComparison.Ordinal));
            using var loaded = await PortalApp.PostFormAsync(admin, "/admin/calendar", "/admin/calendar?handler=Reload", []);
            var loadedPage = await admin.GetStringAsync(loaded.Headers.Location!.OriginalString);

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("年度文件有误，仍使用原日历：日历文件 2028.json", refusedPage, StringComparison.Ordinal);
            Assert.Contains("调休上班日必须是星期六或星期日", refusedPage, StringComparison.Ordinal);
            Assert.Equal(CalendarYearStatus.Missing, statusAfterRefusal);
            Assert.Contains("已重新载入年度文件", loadedPage, StringComparison.Ordinal);
            Assert.Contains("2028（已确认）", loadedPage, StringComparison.Ordinal);
            Assert.Equal(CalendarYearStatus.Confirmed, calendar.GetYearStatus(2028));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static MailDelivery Delivery(string to, MailDeliveryStatus status, DateTimeOffset at) => new()
    {
        EventId = Guid.NewGuid(),
        Recipient = to,
        Template = nameof(TaskOverdue),
        Status = status,
        Attempts = status == MailDeliveryStatus.Failed ? 1 : 3,
        Subject = "【逾期】测试",
        LastError = status == MailDeliveryStatus.Failed ? "550 5.1.1 mailbox unavailable" : null,
        CreatedAt = at,
        SentAt = status == MailDeliveryStatus.Sent ? at : null,
    };

    private static DeadLetterMessage Letter(Guid messageId, Guid declarationId, DateTimeOffset now) => new()
    {
        MessageId = messageId,
        MessageType = typeof(DeclarationAccepted).FullName!,
        Payload = JsonSerializer.Serialize(new DeclarationAccepted(messageId, declarationId, 3, Guid.NewGuid(), now), DeclarationJson.Options),
        CreatedAt = now.AddMinutes(-30),
        FailedAt = now.AddMinutes(-1),
        Attempts = 20,
        Error = "RabbitMQ 不可用",
    };

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The replayed message was not published within 15 s.");
            await Task.Delay(50);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
