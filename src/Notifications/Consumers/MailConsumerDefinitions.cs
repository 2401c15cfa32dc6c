using MassTransit;

namespace PerfWorkflow.Notifications.Consumers;

/// <summary>
/// Retry for every mail consumer: a transient SMTP or database error is retried with exponential backoff (5 tries,
/// 1 s up to 30 s) before the message faults; the delivery log keeps the retries from sending twice.
/// </summary>
public abstract class MailConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public const int RetryLimit = 5;

    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Exponential(RetryLimit, FirstRetry, MaxRetry, FirstRetry));
}

public sealed class DeclarationSubmittedConsumerDefinition : MailConsumerDefinition<DeclarationSubmittedConsumer>;

public sealed class DeclarationReturnedConsumerDefinition : MailConsumerDefinition<DeclarationReturnedConsumer>;

public sealed class DeclarationAcceptedConsumerDefinition : MailConsumerDefinition<DeclarationAcceptedConsumer>;

public sealed class FinanceReturnedConsumerDefinition : MailConsumerDefinition<FinanceReturnedConsumer>;

public sealed class TaskAssignedConsumerDefinition : MailConsumerDefinition<TaskAssignedConsumer>;

public sealed class TaskDueSoonConsumerDefinition : MailConsumerDefinition<TaskDueSoonConsumer>;

public sealed class TaskOverdueConsumerDefinition : MailConsumerDefinition<TaskOverdueConsumer>;

public sealed class TaskEscalatedConsumerDefinition : MailConsumerDefinition<TaskEscalatedConsumer>;

public sealed class TaskUrgedConsumerDefinition : MailConsumerDefinition<TaskUrgedConsumer>;

public sealed class TaskRemindersDigestedConsumerDefinition : MailConsumerDefinition<TaskRemindersDigestedConsumer>;

public sealed class PackageSubmittedForReviewConsumerDefinition : MailConsumerDefinition<PackageSubmittedForReviewConsumer>;

public sealed class PackageApprovedConsumerDefinition : MailConsumerDefinition<PackageApprovedConsumer>;

public sealed class PackageAcceptedConsumerDefinition : MailConsumerDefinition<PackageAcceptedConsumer>;

public sealed class PackageSubmittedToFinanceConsumerDefinition : MailConsumerDefinition<PackageSubmittedToFinanceConsumer>;

public sealed class OfficeReviewsDigestedConsumerDefinition : MailConsumerDefinition<OfficeReviewsDigestedConsumer>;
