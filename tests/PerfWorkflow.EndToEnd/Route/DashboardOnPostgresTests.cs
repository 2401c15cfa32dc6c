using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.EndToEnd.Route;

/// <summary>The office dashboard's figures as PostgreSQL groups them (the embedded profile computes them in memory).</summary>
public sealed class DashboardOnPostgresTests(RouteFixture fx) : IClassFixture<RouteFixture>
{
    [Fact]
    public async Task Dashboard_CountsDrafts_AndGivesMedianAndLongestWorkingDaysInStage_FromChinaDates()
    {
        var cycle = await fx.NewCycleAsync();
        using var drafter = await fx.LoginAsync("drafter.gy");
        using var office = await fx.LoginAsync("office");
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await RouteFixture.CreateAsync(drafter, cycle))["id"]!.GetValue<Guid>());
        }
        // 23:30 UTC is already the next day in China: the grouping must count China dates, not UTC ones.
        var now = DateTimeOffset.UtcNow;
        var entered = new[] { 0, 6, 13, 31 }.Select(days => new DateTimeOffset(now.UtcDateTime.Date.AddDays(-days).AddHours(23.5), TimeSpan.Zero)).ToList();
        using (var scope = fx.App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
            for (var i = 0; i < ids.Count; i++)
            {
                var at = entered[i];
                var id = ids[i];
                await db.Declarations.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.StageEnteredAt, at));
            }
        }
        var calendar = fx.App.Services.GetRequiredService<IWorkingDayCalendar>();
        var today = DateOnly.FromDateTime(ChinaTime.ToChina(DateTimeOffset.UtcNow).DateTime);
        var days = entered.Select(e => Math.Max(0, calendar.WorkingDaysBetween(DateOnly.FromDateTime(ChinaTime.ToChina(e).DateTime), today))).Order().ToList();

        var page = await office.GetStringAsync(new Uri($"/dashboard?cycle={cycle}", UriKind.Relative));

        var median = ((days[1] + days[2]) / 2.0).ToString("0.#", CultureInfo.InvariantCulture);
        var row = new Regex($"<th scope=\"row\">{StageLabels.For("Draft")}</th>\\s*<td class=\"num\">(\\d+)</td>\\s*<td class=\"num\">([\\d.]+)</td>\\s*<td class=\"num\">(\\d+)</td>");
        var match = row.Match(page);
        Assert.True(match.Success, "the time-in-stage table has a row for 科室起草");
        Assert.Equal(["4", median, days[3].ToString(CultureInfo.InvariantCulture)], [match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value]);
        Assert.Contains($"{cycle}年度共 4 张申报表", page, StringComparison.Ordinal);
    }
}
