using System.Collections.Concurrent;
using MassTransit;
using PerfWorkflow.Workflows.Contracts;

namespace PerfWorkflow.EndToEnd.Messaging;

/// <summary>One delivery of <see cref="DeclarationAccepted"/> to the test queue, with the bus that published it.</summary>
public sealed record Delivery(Guid? MessageId, Uri? SourceAddress, DeclarationAccepted Message);

/// <summary>Records every <see cref="DeclarationAccepted"/> on a <see cref="TestReceiveEndpoint"/>.</summary>
public sealed class DeliveryRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private HostReceiveEndpointHandle? _handle;

    public IReadOnlyCollection<Delivery> Deliveries => _deliveries;

    public static async Task<DeliveryRecorder> ConnectAsync(IServiceProvider services)
    {
        var recorder = new DeliveryRecorder();
        recorder._handle = await TestReceiveEndpoint.ConnectAsync(services, "e2e-outbox", endpoint =>
            endpoint.Handler<DeclarationAccepted>(context =>
            {
                recorder._deliveries.Enqueue(new Delivery(context.MessageId, context.SourceAddress, context.Message));
                return Task.CompletedTask;
            }));
        return recorder;
    }

    public int CountOf(Guid messageId) => _deliveries.Count(d => d.MessageId == messageId);

    /// <summary>Waits until every id has arrived at least once, then a little longer so that a duplicate would show.</summary>
    public async Task WaitForAllAsync(IReadOnlyCollection<Guid> messageIds, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var seen = _deliveries.Select(d => d.MessageId).OfType<Guid>().ToHashSet();
            var missing = messageIds.Count(id => !seen.Contains(id));
            if (missing == 0)
            {
                break;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{missing} of {messageIds.Count} messages were not delivered within {timeout}.");
            }
            await Task.Delay(100);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.StopAsync();
        }
    }
}
