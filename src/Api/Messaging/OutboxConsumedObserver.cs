using MassTransit;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Messaging;

/// <summary>
/// Embedded profile (<see cref="OutboxOptions.KeepUntilConsumed"/>): deletes a message's outbox row once a consumer
/// finished with it. Until then the row stays, and a crash of the process (which takes the in-memory bus with it) only
/// delays the message until the dispatcher publishes it again.
/// </summary>
public sealed class OutboxConsumedObserver(IServiceScopeFactory scopes, ILogger<OutboxConsumedObserver> logger) : IConsumeObserver
{
    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public async Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.MessageId is not { } id)
        {
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
            await db.OutboxMessages.Where(m => m.MessageId == id).ExecuteDeleteAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The row goes out again after its in-flight timeout; the delivery log keeps the emails from going twice.
            logger.LogWarning(ex, "Could not delete the consumed outbox message {MessageId}", id);
        }
    }

    // A faulted message keeps its row: it is published again after the in-flight timeout.
    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
