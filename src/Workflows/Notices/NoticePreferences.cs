using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Workflows.Notices;

/// <summary>A user's 【待审核】 notice mode and whether it is their own choice or the default.</summary>
public sealed record ReviewNoticePreference(ReviewNoticeMode Mode, bool IsDefault, DateTimeOffset? UpdatedAt);

/// <summary>Reads and saves the per-user 【待审核】 notice mode (the portal's page and <c>/api/auth/me/notifications</c>).</summary>
public sealed class NoticePreferences(PerfWorkflowDbContext db, TimeProvider time, IOptions<ReviewDigestOptions> options)
{
    public async Task<ReviewNoticePreference> GetAsync(Guid userId, CancellationToken ct)
    {
        var row = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        return row is null
            ? new ReviewNoticePreference(options.Value.DefaultMode, IsDefault: true, UpdatedAt: null)
            : new ReviewNoticePreference(row.ReviewNotice, IsDefault: false, row.UpdatedAt);
    }

    /// <summary>
    /// Saves the choice. It applies to notices that come in from now on; notices already held keep the time they were
    /// due at (a switch to 立即 sends them with the next digest run rather than dropping them).
    /// </summary>
    public async Task<ReviewNoticePreference> SetAsync(Guid userId, ReviewNoticeMode mode, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        var row = await db.NotificationSettings.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        if (row is null)
        {
            db.NotificationSettings.Add(new NotificationSetting { UserId = userId, ReviewNotice = mode, UpdatedAt = now });
        }
        else
        {
            row.ReviewNotice = mode;
            row.UpdatedAt = now;
        }
        if (mode == ReviewNoticeMode.Immediate)
        {
            // Nothing held may wait for a digest that this user no longer gets: due at the next run.
            await db.ReviewDigestItems.Where(i => i.RecipientId == userId && i.DigestEventId == null && i.DueAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.DueAt, now), ct);
        }
        await db.SaveChangesAsync(ct);
        return new ReviewNoticePreference(mode, IsDefault: false, now);
    }
}
