using System.Threading.Channels;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Messaging;

/// <summary>Wakes the dispatcher right after outbox rows commit; pulses that arrive while it works coalesce into one.</summary>
public sealed class OutboxSignal : IOutboxWakeUp
{
    private readonly Channel<bool> _pulses = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Pulse() => _pulses.Writer.TryWrite(true);

    void IOutboxWakeUp.RowsCommitted() => Pulse();

    /// <summary>True when pulsed, false when <paramref name="timeout"/> passed first (the polling fallback).</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_pulses.Reader.TryRead(out _))
        {
            return true;
        }
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            await _pulses.Reader.ReadAsync(linked.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
