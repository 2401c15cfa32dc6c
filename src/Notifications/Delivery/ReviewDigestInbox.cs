using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Notices;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>
/// The office users' choice between a 【待审核】 mail at once and a digest (docs/architecture.md §5). For the users who
/// chose a digest, the consumer of DeclarationSubmitted records the notice as a <see cref="ReviewDigestItem"/> instead
/// of mailing it; the items of one event are written in one SaveChanges and are unique per (event, recipient), so a
/// redelivered event records nothing twice.
/// </summary>
public sealed class ReviewDigestInbox(
    PerfWorkflowDbContext db,
    IWorkingDayCalendar calendar,
    TimeProvider time,
    IOptions<ReviewDigestOptions> options,
    ILogger<ReviewDigestInbox> logger)
{
    private readonly ReviewNoticeMode _default = options.Value.DefaultMode;

    /// <summary>The mode of each user; users without a setting have the configured default.</summary>
    public async Task<IReadOnlyDictionary<Guid, ReviewNoticeMode>> ModesAsync(IEnumerable<Guid> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        var chosen = await db.NotificationSettings.AsNoTracking().Where(s => ids.Contains(s.UserId))
            .ToDictionaryAsync(s => s.UserId, s => s.ReviewNotice, ct);
        return ids.ToDictionary(id => id, id => chosen.GetValueOrDefault(id, _default));
    }

    /// <summary>
    /// Records the notice for the recipients who want a digest and returns the ones to mail now (立即).
    /// </summary>
    public async Task<IReadOnlyList<MailRecipient>> HoldForDigestsAsync(
        DeclarationNotice notice, IReadOnlyList<MailRecipient> recipients, CancellationToken ct)
    {
        var modes = await ModesAsync(recipients.Select(r => r.UserId), ct);
        var held = recipients.Where(r => modes[r.UserId] != ReviewNoticeMode.Immediate).ToList();
        if (held.Count == 0)
        {
            return recipients;
        }
        var ids = held.Select(r => r.UserId).ToList();
        var recorded = (await db.ReviewDigestItems.AsNoTracking()
            .Where(i => i.EventId == notice.EventId && ids.Contains(i.RecipientId))
            .Select(i => i.RecipientId).ToListAsync(ct)).ToHashSet();
        var now = time.GetUtcNow().ToUniversalTime();
        var added = held.Where(r => !recorded.Contains(r.UserId)).Select(r => new ReviewDigestItem
        {
            RecipientId = r.UserId,
            EventId = notice.EventId,
            DeclarationId = notice.DeclarationId,
            Version = notice.Version,
            SubmittedAt = notice.At.ToUniversalTime(),
            Comment = string.IsNullOrWhiteSpace(notice.Comment) ? null : notice.Comment,
            Resubmitted = notice.DiffFrom is not null,
            DueAt = ReviewDigestSchedule.NextSlot(modes[r.UserId], now, calendar),
            CreatedAt = now,
        }).ToList();
        if (added.Count > 0)
        {
            db.ReviewDigestItems.AddRange(added);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                foreach (var item in added)
                {
                    db.Entry(item).State = EntityState.Detached;
                }
                if (!await db.ReviewDigestItems.AsNoTracking().AnyAsync(i => i.EventId == notice.EventId, ct))
                {
                    throw;
                }
                // A concurrent delivery of the same event recorded them first: nothing is lost, nothing doubled.
                logger.LogInformation("{Template} {EventId}: digest items recorded by a concurrent delivery", notice.Template, notice.EventId);
            }
            foreach (var item in added)
            {
                db.Entry(item).State = EntityState.Detached;
            }
        }
        logger.LogInformation("{Template} {EventId}: held for the digest of {Count} office user(s)", notice.Template, notice.EventId, held.Count);
        return recipients.Where(r => modes[r.UserId] == ReviewNoticeMode.Immediate).ToList();
    }
}
