using System.Collections.Concurrent;
using MassTransit;
using PerfWorkflow.EndToEnd.Messaging;
using PerfWorkflow.Workflows.Contracts;

namespace PerfWorkflow.EndToEnd.Reminders;

/// <summary>A reminder event as received from RabbitMQ: its contract name, day and count of working days (left or overdue).</summary>
public sealed record ReceivedReminder(Guid TaskId, string Event, DateOnly Day, int WorkingDays);

/// <summary>A test receive endpoint on an app's bus recording every TaskDueSoon, TaskOverdue and TaskEscalated.</summary>
public sealed class ReminderRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedReminder> _received = new();
    private HostReceiveEndpointHandle? _handle;

    public IReadOnlyCollection<ReceivedReminder> Received => _received;

    public static async Task<ReminderRecorder> ConnectAsync(IServiceProvider services)
    {
        var recorder = new ReminderRecorder();
        recorder._handle = await TestReceiveEndpoint.ConnectAsync(services, "e2e-reminders", endpoint =>
        {
            endpoint.Handler<TaskDueSoon>(c => recorder.Record(new(c.Message.TaskId, nameof(TaskDueSoon), c.Message.Day, c.Message.WorkingDaysLeft)));
            endpoint.Handler<TaskOverdue>(c => recorder.Record(new(c.Message.TaskId, nameof(TaskOverdue), c.Message.Day, c.Message.WorkingDaysOverdue)));
            endpoint.Handler<TaskEscalated>(c => recorder.Record(new(c.Message.TaskId, nameof(TaskEscalated), c.Message.Day, c.Message.WorkingDaysOverdue)));
        });
        return recorder;
    }

    /// <summary>Waits until <paramref name="count"/> events arrived, then a little longer so that a duplicate would show.</summary>
    public async Task WaitForCountAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{_received.Count} of {count} reminder events arrived within {timeout}.");
            }
            await Task.Delay(100);
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    public IReadOnlyList<ReceivedReminder> For(Guid taskId) =>
        [.. _received.Where(r => r.TaskId == taskId).OrderBy(r => r.Day).ThenBy(r => r.Event, StringComparer.Ordinal)];

    private Task Record(ReceivedReminder reminder)
    {
        _received.Enqueue(reminder);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_handle is not null)
        {
            await _handle.StopAsync();
        }
    }
}
