using MassTransit;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>
/// The event the current consumer handles, in the form the outbox stores it. The delivery log keeps it on every row the
/// event causes, so the recovery sweep can publish the event again when a row was left Pending by a crash.
/// </summary>
public sealed class ConsumedEvent
{
    public string? Type { get; private set; }

    public string? Payload { get; private set; }

    public void Set(IIntegrationEvent message)
    {
        Type = message.GetType().FullName;
        Payload = Outbox.Serialize(message);
    }
}

/// <summary>Fills <see cref="ConsumedEvent"/> of the consumer's scope before any consumer of an integration event runs.</summary>
public sealed class ConsumedEventFilter<T>(ConsumedEvent current) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.Message is IIntegrationEvent message)
        {
            current.Set(message);
        }
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("consumedEvent");
}
