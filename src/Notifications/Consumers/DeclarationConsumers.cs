using MassTransit;
using PerfWorkflow.Notifications.Delivery;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Notifications.Consumers;

/// <summary>
/// Submitted → the office, with the diff since the previous submission and the 纳入汇总 / 退回 links; an office user who
/// chose an hourly or daily digest gets it in the digest instead (OfficeReviewsDigested).
/// </summary>
public sealed class DeclarationSubmittedConsumer(DeclarationMails mails) : IConsumer<DeclarationSubmitted>
{
    public Task Consume(ConsumeContext<DeclarationSubmitted> context)
    {
        var m = context.Message;
        var notice = new DeclarationNotice(nameof(DeclarationSubmitted), m.EventId, m.DeclarationId, m.Version, m.ActorId, m.At)
        {
            DiffFrom = m.PreviousSubmittedVersion,
            OfferReview = true,
            MayDigest = true,
            Comment = m.Comment,
        };
        return mails.SendAsync(notice, _ => [Audience.Office], context.CancellationToken);
    }
}

/// <summary>Returned → the 科室's drafters and head when it goes back to Draft, the office when it goes back to OfficeReview.</summary>
public sealed class DeclarationReturnedConsumer(DeclarationMails mails) : IConsumer<DeclarationReturned>
{
    public Task Consume(ConsumeContext<DeclarationReturned> context)
    {
        var m = context.Message;
        // A return by finance is told by FinanceReturned, to the same people and the office.
        if (m.FromStage == nameof(DeclarationStage.SubmittedToFinance))
        {
            return Task.CompletedTask;
        }
        var notice = new DeclarationNotice(nameof(DeclarationReturned), m.EventId, m.DeclarationId, m.Version, m.ActorId, m.At)
        {
            Comment = m.Comment,
            FromStage = m.FromStage,
            ToStage = m.ToStage,
        };
        return mails.SendAsync(notice, d => m.ToStage == nameof(DeclarationStage.OfficeReview)
            ? [Audience.Office]
            : [Audience.Drafters(d.SectionId), Audience.Heads(d.SectionId)], context.CancellationToken);
    }
}

/// <summary>Accepted into the package → the 科室's drafters.</summary>
public sealed class DeclarationAcceptedConsumer(DeclarationMails mails) : IConsumer<DeclarationAccepted>
{
    public Task Consume(ConsumeContext<DeclarationAccepted> context)
    {
        var m = context.Message;
        var notice = new DeclarationNotice(nameof(DeclarationAccepted), m.EventId, m.DeclarationId, m.Version, m.ActorId, m.At);
        return mails.SendAsync(notice, d => [Audience.Drafters(d.SectionId)], context.CancellationToken);
    }
}

/// <summary>
/// 区财政局 returned a declaration → the 科室's drafters and head, the office, and the bureau leaders (the revised
/// declaration needs their 审定 again before it goes back to finance).
/// </summary>
public sealed class FinanceReturnedConsumer(DeclarationMails mails) : IConsumer<FinanceReturned>
{
    public Task Consume(ConsumeContext<FinanceReturned> context)
    {
        var m = context.Message;
        var notice = new DeclarationNotice(nameof(FinanceReturned), m.EventId, m.DeclarationId, m.Version, m.ActorId, m.At)
        {
            Comment = m.Comment,
            FromStage = nameof(DeclarationStage.SubmittedToFinance),
            ToStage = nameof(DeclarationStage.Draft),
        };
        return mails.SendAsync(
            notice, d => [Audience.Drafters(d.SectionId), Audience.Heads(d.SectionId), Audience.Office, Audience.BureauLeaders], context.CancellationToken);
    }
}
