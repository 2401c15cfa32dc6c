using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Api.Calendar;
using PerfWorkflow.Api.Hosting;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.EndToEnd.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.EndToEnd.Reminders;

/// <summary>The Hangfire side of the production host: the recurring sweep, the dashboard's audience, the calendar banner.</summary>
public sealed class JobsDashboardAndCalendarTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private readonly FakeTimeProvider _clock = new(ChinaTime.At(new DateOnly(2026, 11, 26), new TimeOnly(10, 0)).ToUniversalTime());
    private TestDatabase _database = null!;
    private SmtpTestServer _smtp = null!;
    private ProductionApp _root = null!;
    private WebApplicationFactory<Program> _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _smtp = SmtpTestServer.Start();
        _root = new ProductionApp(_database, _smtp);
        _app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        await TestOrganisation.SeedAsync(_app.Services);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _root.DisposeAsync();
        await _smtp.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public void ReminderSweep_IsARecurringJob_EveryMinute()
    {
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == RecurringJobsRegistration.ReminderSweepId);

        Assert.Equal(Cron.Minutely(), job.Cron);
        Assert.Equal("ReminderSweepJob", job.Job.Type.Name);
    }

    [Fact]
    public void RetentionCleanUp_IsARecurringJob_AtThreeInTheMorningInChina()
    {
        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == RecurringJobsRegistration.RetentionId);

        Assert.Equal("0 19 * * *", job.Cron);
        Assert.Equal("UTC", job.TimeZoneId);
        Assert.Equal("RetentionJob", job.Job.Type.Name);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("drafter.gy", HttpStatusCode.Forbidden)]
    [InlineData("head.gy", HttpStatusCode.Forbidden)]
    [InlineData("leader", HttpStatusCode.Forbidden)]
    [InlineData("finance", HttpStatusCode.Forbidden)]
    [InlineData("office", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData(ProductionApp.BootstrapAdmin, HttpStatusCode.OK)]
    public async Task HangfireDashboard_IsForOfficeAndAdminsOnly(string? user, HttpStatusCode expected)
    {
        using var client = await ClientAsync(user);

        using var response = await client.GetAsync(new Uri("/hangfire", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("PerfWorkflow 后台任务", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("office", true)]
    [InlineData("admin", false)]
    public async Task HangfireDashboard_IsReadOnlyForTheOffice_OnlyAnAdminMayDeleteAJob(string user, bool jobStays)
    {
        using var client = await ClientAsync(user);
        var page = await client.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        // Hangfire renders the antiforgery token for its scripts; the header name is the app's (X-CSRF-TOKEN).
        var token = System.Text.RegularExpressions.Regex.Match(page, "(?:data-csrf-token=\"|name=\"csrf-token\" content=\")([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/remove")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", RecurringJobsRegistration.RetentionId)]),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);

        using var response = await client.SendAsync(request);

        using var connection = _app.Services.GetRequiredService<JobStorage>().GetConnection();
        var stays = connection.GetRecurringJobs().Any(j => j.Id == RecurringJobsRegistration.RetentionId);
        Assert.Equal(jobStays, stays);
        Assert.Equal(jobStays, !response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task CalendarStatus_ConfirmsThisYear_AndWarnsThatNextYearIsProvisional()
    {
        using var client = await ClientAsync("drafter.gy");

        var status = await client.GetFromJsonAsync<CalendarStatus>(new Uri("/api/calendar/status", UriKind.Relative), Json);

        Assert.Equal(new DateOnly(2026, 11, 26), status!.Today);
        Assert.Equal(CalendarYearStatus.Confirmed, status.YearStatus);
        var notice = Assert.Single(status.Notices);
        Assert.Equal(2027, notice.Year);
        Assert.Equal(CalendarYearStatus.Unconfirmed, notice.Status);
        Assert.Contains("2027年节假日安排尚未确认", notice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalendarStatus_InAYearWithoutFile_ReportsBothYearsMissing()
    {
        _clock.SetUtcNow(ChinaTime.At(new DateOnly(2028, 1, 3), new TimeOnly(10, 0)).ToUniversalTime());
        using var client = await ClientAsync("office");

        var status = await client.GetFromJsonAsync<CalendarStatus>(new Uri("/api/calendar/status", UriKind.Relative), Json);

        Assert.Equal(CalendarYearStatus.Missing, status!.YearStatus);
        Assert.Equal([(2028, CalendarYearStatus.Missing), (2029, CalendarYearStatus.Missing)], status.Notices.Select(n => (n.Year, n.Status)));
    }

    [Fact]
    public async Task CalendarStatus_WithoutSignIn_Is401()
    {
        using var client = _app.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/calendar/status", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(string? userName)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        if (userName is not null)
        {
            var password = userName == ProductionApp.BootstrapAdmin ? ProductionApp.BootstrapPassword : RouteFixture.Password;
            using var login = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
            login.EnsureSuccessStatusCode();
        }
        return client;
    }
}
