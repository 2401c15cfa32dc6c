using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Api.Hosting;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.EndToEnd.Reminders;

/// <summary>
/// Hosts of the production app on one test database sharing a fake clock, whose reminder sweep the tests run themselves
/// day by day (the minutely recurring runs of it and of the 【待审核】 digest job are taken out of the database's Hangfire
/// storage).
/// </summary>
public sealed class ClockedHosts : IAsyncDisposable
{
    public static readonly TimeOnly SweepTime = new(9, 0);

    private readonly List<WebApplicationFactory<Program>> _apps = [];
    private readonly ProductionApp _root;

    private ClockedHosts(TestDatabase database, SmtpTestServer smtp)
    {
        Database = database;
        Smtp = smtp;
        _root = new ProductionApp(database, smtp);
    }

    public TestDatabase Database { get; }

    public SmtpTestServer Smtp { get; }

    /// <summary>A fresh database and SMTP server for the hosts of one test.</summary>
    public static async Task<ClockedHosts> CreateAsync() => new(await TestDatabase.CreateAsync(), SmtpTestServer.Start());

    /// <summary>A fake clock at 09:00 in China; a TimeProvider's "now" is in UTC (Npgsql refuses other offsets).</summary>
    public static FakeTimeProvider ClockAt(DateOnly day) => new(ChinaTime.At(day, SweepTime).ToUniversalTime());

    public WebApplicationFactory<Program> Start(FakeTimeProvider clock, IInterceptor? interceptor = null)
    {
        var app = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            if (interceptor is not null)
            {
                s.AddSingleton(interceptor);
            }
        }));
        _apps.Add(app);
        app.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(RecurringJobsRegistration.ReminderSweepId);
        // The 【待审核】 digest job too: on the fake clock, the tests run it themselves.
        app.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(RecurringJobsRegistration.ReviewDigestId);
        return app;
    }

    /// <summary>
    /// Runs <paramref name="onDay"/> at 09:00 China time on each day up to <paramref name="last"/>. The clock moves on once
    /// the day's outbox is drained: a jump of a day would otherwise fire the dispatcher's publish timeout mid-publish.
    /// </summary>
    public async Task EachDayAsync(FakeTimeProvider clock, DateOnly last, TimeSpan drainTimeout, Func<DateOnly, Task> onDay)
    {
        for (var day = ChinaTime.Today(clock); day <= last; day = day.AddDays(1))
        {
            clock.SetUtcNow(ChinaTime.At(day, SweepTime).ToUniversalTime());
            await onDay(day);
            await WaitForOutboxDrainedAsync(drainTimeout);
        }
    }

    public async Task WaitForOutboxDrainedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await Database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The outbox was not drained within {timeout}.");
            await Task.Delay(50);
        }
    }

    public static async Task<int> SweepAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSweepJob>().RunAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
        await _root.DisposeAsync();
        await Smtp.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>A test class whose every test gets its own <see cref="ClockedHosts"/> (fresh database and SMTP server).</summary>
public abstract class ClockedHostsTest : IAsyncLifetime
{
    protected ClockedHosts Hosts { get; private set; } = null!;

    public async Task InitializeAsync() => Hosts = await ClockedHosts.CreateAsync();

    public Task DisposeAsync() => Hosts.DisposeAsync().AsTask();
}
