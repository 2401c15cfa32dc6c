using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>What an event about one declaration says, whatever its type.</summary>
public sealed record DeclarationNotice(string Template, Guid EventId, Guid DeclarationId, int Version, Guid ActorId, DateTimeOffset At)
{
    /// <summary>The version the diff starts from; null for the last submission before <see cref="Version"/>.</summary>
    public int? DiffFrom { get; init; }

    public string? Comment { get; init; }

    public string? FromStage { get; init; }

    public string? ToStage { get; init; }

    /// <summary>Give office recipients the 纳入汇总 / 退回 action links of the open review task.</summary>
    public bool OfferReview { get; init; }

    /// <summary>A 【待审核】 notice: recipients who chose an hourly or daily digest get it there instead (ReviewDigestInbox).</summary>
    public bool MayDigest { get; init; }
}

/// <summary>Sends the emails of DeclarationSubmitted, DeclarationReturned, DeclarationAccepted and FinanceReturned.</summary>
public sealed class DeclarationMails(
    PerfWorkflowDbContext db,
    MailFacts facts,
    Recipients recipients,
    MailDispatcher dispatcher,
    ILogger<DeclarationMails> logger,
    ReviewDigestInbox? digests = null)
{
    public async Task SendAsync(DeclarationNotice notice, Func<Declaration, IEnumerable<Audience>> audiences, CancellationToken ct)
    {
        var declaration = await facts.FindDeclarationAsync(notice.DeclarationId, ct);
        if (declaration is null)
        {
            // Nothing to say about a declaration this database does not hold; redelivering would not change that.
            logger.LogWarning("{Template} {EventId}: declaration {DeclarationId} not found; no email sent", notice.Template, notice.EventId, notice.DeclarationId);
            return;
        }
        // Recipients first: the diff, people and comments are read only when someone is to be mailed.
        var to = await recipients.OfAsync(audiences(declaration), ct);
        if (notice.MayDigest && digests is not null && to.Count > 0)
        {
            to = await digests.HoldForDigestsAsync(notice, to, ct);
        }
        if (to.Count == 0)
        {
            return;
        }
        var found = await facts.DeclarationAsync(declaration, notice.Version, notice.DiffFrom, ct);
        var (actorName, actorUnit) = await facts.PersonAsync(notice.ActorId, ct);
        var comments = await facts.FieldCommentsAsync(declaration.Id, notice.Version, ct);
        var reviewTask = notice.OfferReview
            ? await db.Tasks.AsNoTracking().FirstOrDefaultAsync(
                t => t.DeclarationId == declaration.Id && t.Kind == TaskKind.OfficeReview && t.CompletedAt == null, ct)
            : null;
        var deadline = facts.DeadlineAt(declaration.DueAt, notice.At);

        await dispatcher.SendToAllAsync(notice.EventId, notice.Template, to, recipient => new DeclarationMailModel
        {
            RecipientName = recipient.Name,
            CycleYear = declaration.CycleYear,
            At = notice.At,
            PortalUrl = facts.PortalUrl,
            ActorName = actorName,
            ActorUnit = actorUnit,
            Declaration = found.Summary,
            Diff = found.Diff,
            DiffSinceVersion = found.DiffSinceVersion,
            Comment = notice.Comment,
            FieldComments = comments,
            FromStage = notice.FromStage,
            ToStage = notice.ToStage,
            Deadline = deadline,
            Links = LinksFor(recipient, declaration, reviewTask, notice.Version),
        }, ct);
    }

    private List<MailLink> LinksFor(MailRecipient recipient, Declaration declaration, WorkTask? reviewTask, int version)
    {
        var links = new List<MailLink>();
        // Only someone the task is for may act on it: the assignee once it has one.
        if (reviewTask is not null && (reviewTask.AssigneeId is null || reviewTask.AssigneeId == recipient.UserId))
        {
            links.Add(facts.ActionLink("纳入汇总", reviewTask.Id, ActionNames.Accept, recipient.UserId, declaration.Id, version));
            links.Add(facts.ActionLink("退回", reviewTask.Id, ActionNames.Return, recipient.UserId, declaration.Id, version));
        }
        links.Add(facts.PortalLink("查看申报表", MailFacts.DeclarationPath(declaration.Id)));
        return links;
    }
}
