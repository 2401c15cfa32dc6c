using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Notices;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>
/// Sends OfficeReviewsDigested: one mail listing the 【待审核】 notices the digest job claimed for one office user, through
/// the one mail path (<see cref="MailDispatcher"/>: delivery log, lease, Message-ID). The items are marked sent only
/// after the dispatcher has the outcome, so a crash before that redelivers the event and the delivery log keeps the
/// mail from going twice. A declaration no longer in 办公室审核 (withdrawn, already handled) is left out; a declaration
/// submitted more than once in the period is listed once, with its latest submission.
/// </summary>
public sealed class ReviewDigestMails(
    PerfWorkflowDbContext db,
    MailFacts facts,
    Recipients recipients,
    MailDispatcher dispatcher,
    ReviewDigestInbox inbox,
    TimeProvider time,
    ILogger<ReviewDigestMails> logger)
{
    private const string Template = nameof(OfficeReviewsDigested);

    public async Task SendAsync(OfficeReviewsDigested digest, CancellationToken ct)
    {
        var items = await db.ReviewDigestItems.AsNoTracking()
            .Where(i => i.DigestEventId == digest.EventId && i.SentAt == null)
            .ToListAsync(ct);
        if (items.Count == 0)
        {
            // Done already (a redelivery after the items were marked).
            return;
        }
        if (await recipients.UserAsync(digest.RecipientId, ct) is not { } recipient)
        {
            logger.LogInformation("{Template} {EventId}: user {UserId} is inactive or has no email address; no email sent", Template, digest.EventId, digest.RecipientId);
            await MarkAsync(digest.EventId, items.Select(i => i.Id).ToList(), ct);
            return;
        }

        var ids = items.Select(i => i.DeclarationId).Distinct().ToList();
        var declarations = await db.Declarations.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new { d.Id, d.Name, d.SectionId, d.Stage, d.CycleYear })
            .ToDictionaryAsync(d => d.Id, ct);
        var live = items
            .Where(i => declarations.TryGetValue(i.DeclarationId, out var d) && d.Stage == DeclarationStage.OfficeReview)
            .GroupBy(i => i.DeclarationId)
            .Select(g => g.OrderByDescending(i => i.Version).First())
            .OrderBy(i => i.SubmittedAt)
            .ToList();
        var dropped = items.Where(i => !live.Contains(i)).Select(i => i.Id).ToList();
        if (dropped.Count > 0)
        {
            logger.LogInformation("{Template} {EventId}: {Dropped} of {Count} notices left out (no longer in office review, or submitted again)",
                Template, digest.EventId, dropped.Count, items.Count);
        }
        if (live.Count == 0)
        {
            logger.LogInformation("{Template} {EventId}: nothing left to review for {UserId}; no email sent", Template, digest.EventId, digest.RecipientId);
            await MarkAsync(digest.EventId, dropped, ct);
            return;
        }

        var listed = new List<ReviewDigestMailItem>();
        foreach (var item in live.Take(ReviewDigestMailModel.MaxListed))
        {
            var declaration = declarations[item.DeclarationId];
            listed.Add(new ReviewDigestMailItem(
                declaration.Name,
                await facts.SectionNameAsync(declaration.SectionId, ct),
                item.SubmittedAt,
                item.Resubmitted,
                item.Comment,
                facts.PortalLink("审核申报表", MailFacts.DeclarationPath(declaration.Id))));
        }
        var mode = (await inbox.ModesAsync([recipient.UserId], ct))[recipient.UserId];
        var cycleYear = live.Max(i => declarations[i.DeclarationId].CycleYear);

        await dispatcher.SendOnceAsync(digest.EventId, Template, recipient, () => new ReviewDigestMailModel
        {
            RecipientName = recipient.Name,
            CycleYear = cycleYear,
            At = digest.At,
            PortalUrl = facts.PortalUrl,
            ModeLabel = ReviewNoticeLabels.Of(mode == ReviewNoticeMode.Immediate ? ReviewNoticeMode.Hourly : mode),
            Items = listed,
            TotalCount = live.Count,
            Links = [facts.PortalLink("打开我的待办", "/tasks")],
        }, ct);
        // Sent, or refused for good (listed on /admin/mail): either way these notices are done.
        await MarkAsync(digest.EventId, dropped, ct);
    }

    private async Task MarkAsync(Guid digestEventId, List<long> dropped, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUniversalTime();
        if (dropped.Count > 0)
        {
            await db.ReviewDigestItems.Where(i => dropped.Contains(i.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Dropped, true), ct);
        }
        await db.ReviewDigestItems.Where(i => i.DigestEventId == digestEventId && i.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.SentAt, now), ct);
    }
}
