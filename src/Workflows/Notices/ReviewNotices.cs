using System.Text.Json.Serialization;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Workflows.Notices;

/// <summary>How an office user gets the 【待审核】 mails of submitted declarations (docs/architecture.md §5).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewNoticeMode>))]
public enum ReviewNoticeMode
{
    /// <summary>立即: one mail per submission, at once (the behaviour before digests).</summary>
    [JsonStringEnumMemberName("immediate")] Immediate,

    /// <summary>每小时汇总: one mail at the top of each working hour listing what came in.</summary>
    [JsonStringEnumMemberName("hourly")] Hourly,

    /// <summary>每日汇总: one mail at 09:00 of each working day.</summary>
    [JsonStringEnumMemberName("daily")] Daily,
}

/// <summary>The labels of <see cref="ReviewNoticeMode"/> as users read them.</summary>
public static class ReviewNoticeLabels
{
    public const string Title = "【待审核】通知方式";

    public static string Of(ReviewNoticeMode mode) => mode switch
    {
        ReviewNoticeMode.Immediate => "立即",
        ReviewNoticeMode.Hourly => "每小时汇总",
        ReviewNoticeMode.Daily => "每日汇总",
        _ => mode.ToString(),
    };
}

/// <summary>A user's notification settings; a user without a row has the defaults of <see cref="ReviewDigestOptions"/>.</summary>
public sealed class NotificationSetting
{
    public Guid UserId { get; set; }

    public ReviewNoticeMode ReviewNotice { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A 【待审核】 notice held for a digest: one per (integration event, recipient), written by the consumer of
/// DeclarationSubmitted instead of a mail. <see cref="DigestEventId"/> is set when a digest claims it and
/// <see cref="SentAt"/> once that digest was handed to the mail path (or the item was dropped from it).
/// </summary>
public sealed class ReviewDigestItem
{
    public long Id { get; set; }

    public Guid RecipientId { get; set; }

    /// <summary>The DeclarationSubmitted event the notice is about: with the recipient, the item's identity.</summary>
    public Guid EventId { get; set; }

    public Guid DeclarationId { get; set; }

    public int Version { get; set; }

    /// <summary>When the 科室 submitted.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>The 修改说明 (or 提交说明) written with the submission.</summary>
    public string? Comment { get; set; }

    /// <summary>True for a resubmission (the comment is then a 修改说明).</summary>
    public bool Resubmitted { get; set; }

    /// <summary>The first digest time the item may go out (the next hour or day slot after it was recorded).</summary>
    public DateTimeOffset DueAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The OfficeReviewsDigested event of the digest that claimed it; null while waiting.</summary>
    public Guid? DigestEventId { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Left out of its digest: the declaration was no longer in 办公室审核 when the digest went out.</summary>
    public bool Dropped { get; set; }
}

/// <summary>Settings section "ReviewDigests".</summary>
public sealed class ReviewDigestOptions
{
    public const string SectionName = "ReviewDigests";

    /// <summary>The mode of an office user who never chose one.</summary>
    public ReviewNoticeMode DefaultMode { get; set; } = ReviewNoticeMode.Hourly;
}

/// <summary>
/// When a held 【待审核】 notice goes out (China time, working days of the calendar): hourly at the top of each working
/// hour 09:00–18:00, daily at 09:00; a notice recorded at or after a slot waits for the next one.
/// </summary>
public static class ReviewDigestSchedule
{
    public static readonly TimeOnly FirstHour = new(9, 0);

    public static readonly TimeOnly LastHour = new(18, 0);

    /// <summary>The first slot strictly after <paramref name="recordedAt"/>; <see cref="ReviewNoticeMode.Immediate"/> has none.</summary>
    public static DateTimeOffset NextSlot(ReviewNoticeMode mode, DateTimeOffset recordedAt, IWorkingDayCalendar calendar)
    {
        if (mode == ReviewNoticeMode.Immediate)
        {
            throw new ArgumentOutOfRangeException(nameof(mode), "An immediate notice is not held.");
        }
        var china = ChinaTime.ToChina(recordedAt);
        var day = DateOnly.FromDateTime(china.DateTime);
        if (calendar.IsWorkingDay(day))
        {
            var time = TimeOnly.FromDateTime(china.DateTime);
            if (mode == ReviewNoticeMode.Hourly)
            {
                // The next full hour after the instant (10:20 → 11:00, 10:00 → 11:00, 07:10 → 09:00, 18:30 → tomorrow).
                var hour = Math.Max(time.Hour + 1, FirstHour.Hour);
                if (hour <= LastHour.Hour)
                {
                    return ChinaTime.At(day, new TimeOnly(hour, 0)).ToUniversalTime();
                }
            }
            else if (time < FirstHour)
            {
                return ChinaTime.At(day, FirstHour).ToUniversalTime();
            }
        }
        return ChinaTime.At(calendar.AddWorkingDays(day, 1), FirstHour).ToUniversalTime();
    }
}
