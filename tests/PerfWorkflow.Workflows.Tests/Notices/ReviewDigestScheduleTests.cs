using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Notices;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Tests.Notices;

/// <summary>
/// When held 【待审核】 notices go out, on the real 2026 calendar (国庆 10-01..10-07, make-up Sat 10-10): hourly at the top
/// of each working hour 09:00–18:00, daily at 09:00 of the next working day; and the job that claims them on a fake clock.
/// </summary>
public sealed class ReviewDigestScheduleTests : IDisposable
{
    private static readonly WorkingDayCalendar Calendar = new(Path.Combine(AppContext.BaseDirectory, "calendar"));
    private readonly SqliteDatabase _database = new();
    private readonly FakeTimeProvider _clock = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("2026-12-03 10:20", "2026-12-03 11:00")] // Thursday, within working hours
    [InlineData("2026-12-03 10:00", "2026-12-03 11:00")] // just after the 10:00 digest: the next one
    [InlineData("2026-12-03 07:45", "2026-12-03 09:00")] // before work
    [InlineData("2026-12-03 17:59", "2026-12-03 18:00")] // the last working hour
    [InlineData("2026-12-04 18:30", "2026-12-07 09:00")] // Friday evening → Monday
    [InlineData("2026-12-05 11:00", "2026-12-07 09:00")] // Saturday
    [InlineData("2026-09-30 18:30", "2026-10-08 09:00")] // before 国庆 → the first working day after it
    [InlineData("2026-10-09 19:00", "2026-10-10 09:00")] // Friday evening → the make-up Saturday
    public void Hourly_GoesOutAtTheNextWorkingHour(string recorded, string expected) =>
        Assert.Equal(China(expected), ReviewDigestSchedule.NextSlot(ReviewNoticeMode.Hourly, China(recorded), Calendar));

    [Theory]
    [InlineData("2026-12-03 10:20", "2026-12-04 09:00")] // Thursday → Friday 09:00
    [InlineData("2026-12-03 08:30", "2026-12-03 09:00")] // before 09:00 → today's digest
    [InlineData("2026-12-04 18:30", "2026-12-07 09:00")] // Friday → Monday
    [InlineData("2026-09-30 10:00", "2026-10-08 09:00")]
    public void Daily_GoesOutAt0900OfTheNextWorkingDay(string recorded, string expected) =>
        Assert.Equal(China(expected), ReviewDigestSchedule.NextSlot(ReviewNoticeMode.Daily, China(recorded), Calendar));

    [Fact]
    public async Task Job_SubmittedAt1020_ClaimsNothingUntil1100_ThenOneDigestPerUserWithAllTheirItems()
    {
        var office = Guid.NewGuid();
        var colleague = Guid.NewGuid();
        await HoldAsync(office, "2026-12-03 10:20");
        await HoldAsync(office, "2026-12-03 10:41");
        await HoldAsync(colleague, "2026-12-03 10:50");

        var early = await RunAtAsync("2026-12-03 10:59");
        var onTheHour = await RunAtAsync("2026-12-03 11:00");
        var again = await RunAtAsync("2026-12-03 11:01");

        Assert.Equal((0, 2, 0), (early, onTheHour, again));
        await using var db = _database.NewContext();
        var events = (await db.OutboxMessages.ToListAsync()).Select(Outbox.Deserialize).Cast<OfficeReviewsDigested>().ToList();
        var mine = Assert.Single(events, e => e.RecipientId == office);
        Assert.Equal(2, await db.ReviewDigestItems.CountAsync(i => i.DigestEventId == mine.EventId));
        Assert.Single(events, e => e.RecipientId == colleague);
        // Claimed, not yet sent: the consumer marks them once the mail is handed over.
        Assert.True(await db.ReviewDigestItems.AllAsync(i => i.DigestEventId != null && i.SentAt == null));
    }

    [Fact]
    public async Task Job_FridayEvening_WaitsUntilMonday0900()
    {
        var office = Guid.NewGuid();
        await HoldAsync(office, "2026-12-04 18:30");

        var friday = await RunAtAsync("2026-12-04 23:00");
        var saturday = await RunAtAsync("2026-12-05 12:00");
        var mondayEarly = await RunAtAsync("2026-12-07 08:59");
        var monday = await RunAtAsync("2026-12-07 09:00");

        Assert.Equal((0, 0, 0, 1), (friday, saturday, mondayEarly, monday));
    }

    [Fact]
    public async Task Job_Daily_OnceAt0900OfTheNextWorkingDay_WithEverythingOfTheDayBefore()
    {
        var office = Guid.NewGuid();
        await HoldAsync(office, "2026-12-03 10:20", ReviewNoticeMode.Daily);
        await HoldAsync(office, "2026-12-03 16:05", ReviewNoticeMode.Daily);

        var sameDay = await RunAtAsync("2026-12-03 18:00");
        var nextMorning = await RunAtAsync("2026-12-04 09:00");

        Assert.Equal((0, 1), (sameDay, nextMorning));
        await using var db = _database.NewContext();
        Assert.Equal(2, await db.ReviewDigestItems.CountAsync(i => i.DigestEventId != null));
    }

    private async Task HoldAsync(Guid recipient, string at, ReviewNoticeMode mode = ReviewNoticeMode.Hourly)
    {
        await using var db = _database.NewContext();
        var recorded = China(at);
        db.ReviewDigestItems.Add(new ReviewDigestItem
        {
            RecipientId = recipient, EventId = Guid.NewGuid(), DeclarationId = Guid.NewGuid(), Version = 2,
            SubmittedAt = recorded, CreatedAt = recorded, DueAt = ReviewDigestSchedule.NextSlot(mode, recorded, Calendar),
        });
        await db.SaveChangesAsync();
    }

    private async Task<int> RunAtAsync(string at)
    {
        _clock.SetUtcNow(China(at).ToUniversalTime());
        await using var db = _database.NewContext();
        return await new ReviewDigestJob(db, _clock).RunAsync(CancellationToken.None);
    }

    private static DateTimeOffset China(string at) =>
        ChinaTime.At(DateOnly.Parse(at[..10], System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(at[11..], System.Globalization.CultureInfo.InvariantCulture)).ToUniversalTime();
}
