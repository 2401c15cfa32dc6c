using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.EndToEnd.Reminders;
using PerfWorkflow.EndToEnd.Route;
using PerfWorkflow.Workflows.Notices;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.EndToEnd.Notifications;

/// <summary>
/// The 【待审核】 digest on the real PostgreSQL, RabbitMQ and SMTP server (issue 14 item 4): an office user on 每小时汇总
/// gets nothing at a 10:20 submit and one digest at 11:00, claimed once across two hosts, while a colleague on 立即 gets
/// the 【待审核】 mail at once as before.
/// </summary>
public sealed class ReviewDigestMailTests : ClockedHostsTest
{
    private const int Cycle = 2027;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateOnly Thursday = new(2026, 11, 26);

    [Fact]
    public async Task Hourly_SubmitAt1020_OneDigestAt1100_OnceAcrossTwoHosts_AndTheImmediateColleagueGetsTheMailAtOnce()
    {
        var clock = new FakeTimeProvider(ChinaTime.At(Thursday, new TimeOnly(10, 20)).ToUniversalTime());
        var first = Hosts.Start(clock);
        var second = Hosts.Start(clock);
        await TestOrganisation.SeedAsync(first.Services);
        await TestOrganisation.AddCycleAsync(first.Services, Cycle, new DateOnly(2026, 12, 30));
        using (var office = await RouteFixture.LoginAsync(first, "office"))
        {
            using var chosen = await office.PutAsJsonAsync("/api/auth/me/notifications", new { reviewNotice = "hourly" });
            Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        }
        using var drafter = await RouteFixture.LoginAsync(first, "drafter.gy");
        var declaration = await RouteFixture.CreateAsync(drafter, Cycle);
        var id = declaration["id"]!.GetValue<Guid>();
        var name = declaration["name"]!.GetValue<string>();
        using var submit = await drafter.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { expectedVersion = declaration["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);

        var immediate = await Hosts.Smtp.WaitForAsync(m => Subject(m).StartsWith("【待审核】", StringComparison.Ordinal), Timeout);
        Assert.Equal(["office2@t.cn"], immediate.To.Mailboxes.Select(b => b.Address));
        await Hosts.WaitForOutboxDrainedAsync(Timeout);
        Assert.Equal(1L, await Hosts.Database.ScalarAsync<long>("SELECT count(*) FROM review_digest_items"));
        Assert.Equal(0, await RunJobAsync(first)); // 10:20: not yet

        clock.SetUtcNow(ChinaTime.At(Thursday, new TimeOnly(11, 0)).ToUniversalTime());
        var runs = await Task.WhenAll(RunJobAsync(first), RunJobAsync(second), RunJobAsync(first), RunJobAsync(second));
        Assert.Equal(1, runs.Sum());
        await Hosts.WaitForOutboxDrainedAsync(Timeout);
        var digest = await Hosts.Smtp.WaitForAsync(m => Subject(m).StartsWith("【待审核汇总】", StringComparison.Ordinal), Timeout);
        await Task.Delay(TimeSpan.FromSeconds(3)); // time for a duplicate to show

        Assert.Equal("【待审核汇总】1份申报表待审核（2026年11月26日（星期四）11:00）", digest.Subject);
        Assert.Equal(["office@t.cn"], digest.To.Mailboxes.Select(b => b.Address));
        Assert.Contains($"《{name}》", digest.TextBody ?? "", StringComparison.Ordinal);
        Assert.Contains("提交时间：2026-11-26 10:20（北京时间）", digest.TextBody ?? "", StringComparison.Ordinal);
        Assert.Single(Hosts.Smtp.Messages, m => Subject(m).StartsWith("【待审核汇总】", StringComparison.Ordinal));
        Assert.Single(Hosts.Smtp.Messages, m => Subject(m).StartsWith("【待审核】", StringComparison.Ordinal));
        Assert.Equal(1L, await Hosts.Database.ScalarAsync<long>("SELECT count(*) FROM review_digest_items WHERE \"SentAt\" IS NOT NULL"));
    }

    private static async Task<int> RunJobAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReviewDigestJob>().RunAsync(CancellationToken.None);
    }

    private static string Subject(MimeMessage message) => message.Subject ?? "";
}
