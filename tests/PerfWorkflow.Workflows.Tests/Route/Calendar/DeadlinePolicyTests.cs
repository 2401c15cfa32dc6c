using System.ComponentModel.DataAnnotations;
using PerfWorkflow.Workflows.Route.Calendar;
using static PerfWorkflow.Workflows.Tests.Route.Calendar.RealCalendar;

namespace PerfWorkflow.Workflows.Tests.Route.Calendar;

public sealed class DeadlinePolicyTests
{
    private readonly DeadlinePolicy _policy = new(Instance);

    private static DeadlineOptions Options(string financeDue) => new()
    {
        FinanceDueDate = D(financeDue),
        SubmissionWorkingDays = 1,
        BureauReviewWorkingDays = 3,
        OfficeReviewWorkingDays = 5,
        DraftWorkingDays = 10,
        ReturnedWorkingDays = 2,
    };

    [Fact]
    public void ForCycle_CountsBackFromFinance_OverTheNationalDayWeekAndItsMakeUpDays()
    {
        var deadlines = _policy.ForCycle(Options("2024-10-15"));

        Assert.Equal(D("2024-10-15"), deadlines.SubmissionToFinance.Date);
        Assert.Equal(D("2024-10-14"), deadlines.BureauReview.Date);
        Assert.Equal(D("2024-10-10"), deadlines.OfficeReview.Date);  // 10-12 Saturday counts, 10-13 Sunday does not
        Assert.Equal(D("2024-09-27"), deadlines.Draft.Date);         // 10-08, 9-30, 9-29 Sunday, 9-27 … the holiday skipped
        Assert.Equal(D("2024-09-12"), deadlines.DraftStart.Date);    // back over 中秋节 and its make-up Saturday 9-14
    }

    [Fact]
    public void ForCycle_DueInstantIsTheEndOfTheWorkingDayInChina()
    {
        var deadlines = _policy.ForCycle(Options("2024-10-15"));

        Assert.Equal(new DateTimeOffset(2024, 9, 27, 18, 0, 0, TimeSpan.FromHours(8)), deadlines.Draft.DueAt);
        Assert.Equal(TimeSpan.FromHours(8), deadlines.Draft.DueAt.Offset);
        Assert.False(deadlines.Draft.IsProvisional);
    }

    [Fact]
    public void ForCycle_UsesTheConfiguredEndOfWorkingDay()
    {
        var options = Options("2024-10-15");
        options.EndOfWorkingDay = new TimeOnly(17, 30);

        var deadlines = _policy.ForCycle(options);

        Assert.Equal(new DateTimeOffset(2024, 10, 15, 17, 30, 0, TimeSpan.FromHours(8)), deadlines.SubmissionToFinance.DueAt);
    }

    [Fact]
    public void ForCycle_MarksEveryDeadlineProvisional_WhenTheCountReachesAnUnconfirmedYear()
    {
        var deadlines = _policy.ForCycle(Options("2027-01-12"));

        Assert.All(
            new[] { deadlines.DraftStart, deadlines.Draft, deadlines.OfficeReview, deadlines.BureauReview, deadlines.SubmissionToFinance },
            d => Assert.True(d.IsProvisional));
        Assert.Equal(D("2027-01-11"), deadlines.BureauReview.Date);
        Assert.Equal(D("2027-01-06"), deadlines.OfficeReview.Date);
    }

    [Fact]
    public void ForCycle_RefusesOptionsWithoutFinanceDueDate()
    {
        Assert.Throws<InvalidOperationException>(() => _policy.ForCycle(new DeadlineOptions()));
    }

    [Fact]
    public void DeadlineOptions_FailValidation_WithoutFinanceDueDateOrWithANegativeCount()
    {
        var options = new DeadlineOptions { OfficeReviewWorkingDays = -1 };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.False(valid);
        Assert.Equal(
            [nameof(DeadlineOptions.FinanceDueDate), nameof(DeadlineOptions.OfficeReviewWorkingDays)],
            results.SelectMany(r => r.MemberNames).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("2024-09-29T10:00:00+08:00", "2024-10-08")]  // returned on the make-up Sunday during office hours
    [InlineData("2024-09-29T19:00:00+08:00", "2024-10-09")]  // after hours: counting starts the next day
    [InlineData("2024-09-29T11:00:00+00:00", "2024-10-09")]  // the same instant given in UTC
    [InlineData("2024-10-03T09:00:00+08:00", "2024-10-09")]  // returned during the holiday
    [InlineData("2025-01-24T17:59:00+08:00", "2025-01-27")]  // Friday before 春节 → Sunday 1-26 and Monday 1-27
    public void ForReturned_GivesTheConfiguredWorkingDaysFromTheReturn(string returnedAt, string expected)
    {
        var deadline = _policy.ForReturned(DateTimeOffset.Parse(returnedAt, System.Globalization.CultureInfo.InvariantCulture), Options("2025-03-01"));

        Assert.Equal(D(expected), deadline.Date);
        Assert.Equal(ChinaTime.At(D(expected), new TimeOnly(18, 0)), deadline.DueAt);
    }

    [Fact]
    public void Deadline_IsOverdueOnlyAfterItsDueInstant()
    {
        var deadline = _policy.ForReturned(new DateTimeOffset(2024, 9, 30, 10, 0, 0, TimeSpan.FromHours(8)), Options("2025-03-01"));

        Assert.False(deadline.IsOverdueAt(deadline.DueAt));
        Assert.True(deadline.IsOverdueAt(deadline.DueAt.AddSeconds(1)));
    }

    [Fact]
    public void ChinaTime_Today_IsTheDateInShanghai()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 9, 30, 16, 30, 0, TimeSpan.Zero));

        Assert.Equal(D("2024-10-01"), ChinaTime.Today(clock));
    }
}
