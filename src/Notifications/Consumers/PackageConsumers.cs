using MassTransit;
using PerfWorkflow.Notifications.Delivery;
using PerfWorkflow.Workflows.Contracts;

namespace PerfWorkflow.Notifications.Consumers;

/// <summary>The package went to bureau review → the bureau leaders.</summary>
public sealed class PackageSubmittedForReviewConsumer(PackageMails mails) : IConsumer<PackageSubmittedForReview>
{
    public Task Consume(ConsumeContext<PackageSubmittedForReview> context)
    {
        var m = context.Message;
        return mails.SendAsync(new(nameof(PackageSubmittedForReview), m.EventId, m.CycleYear, m.ActorId, m.At), [Audience.BureauLeaders], context.CancellationToken);
    }
}

/// <summary>The leaders approved the package → the office, who submits it to finance.</summary>
public sealed class PackageApprovedConsumer(PackageMails mails) : IConsumer<PackageApproved>
{
    public Task Consume(ConsumeContext<PackageApproved> context)
    {
        var m = context.Message;
        return mails.SendAsync(new(nameof(PackageApproved), m.EventId, m.CycleYear, m.ActorId, m.At), [Audience.Office], context.CancellationToken);
    }
}

/// <summary>The package was submitted to 区财政局 → the finance liaisons and the bureau leaders.</summary>
public sealed class PackageSubmittedToFinanceConsumer(PackageMails mails) : IConsumer<PackageSubmittedToFinance>
{
    public Task Consume(ConsumeContext<PackageSubmittedToFinance> context)
    {
        var m = context.Message;
        return mails.SendAsync(
            new(nameof(PackageSubmittedToFinance), m.EventId, m.CycleYear, m.ActorId, m.At),
            [Audience.FinanceLiaisons, Audience.BureauLeaders],
            context.CancellationToken);
    }
}

/// <summary>区财政局 accepted the package → the office (who closes the cycle) and the bureau leaders.</summary>
public sealed class PackageAcceptedConsumer(PackageMails mails) : IConsumer<PackageAccepted>
{
    public Task Consume(ConsumeContext<PackageAccepted> context)
    {
        var m = context.Message;
        return mails.SendAsync(
            new(nameof(PackageAccepted), m.EventId, m.CycleYear, m.ActorId, m.At), [Audience.Office, Audience.BureauLeaders], context.CancellationToken);
    }
}
