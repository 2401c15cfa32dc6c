using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Messaging;

/// <summary>
/// The outbox backlog beside the "bus" entry: Degraded when the oldest waiting row is older than BacklogDegradedAfter.
/// Never Unhealthy — waiting messages are the outbox doing its job; the "database" check covers an unreachable database.
/// </summary>
public sealed class OutboxHealthCheck(PerfWorkflowDbContext db, TimeProvider time, IOptions<OutboxOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var waiting = await db.OutboxMessages.CountAsync(cancellationToken);
            var deadLetters = await db.DeadLetterMessages.CountAsync(cancellationToken);
            var oldest = await db.OutboxMessages.OrderBy(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            var age = oldest is { } createdAt ? time.GetUtcNow() - createdAt : TimeSpan.Zero;
            var data = new Dictionary<string, object>
            {
                ["waiting"] = waiting,
                ["oldestAgeSeconds"] = Math.Round(age.TotalSeconds),
                ["deadLetters"] = deadLetters,
            };
            var description = $"{waiting} waiting, oldest {age.TotalSeconds:0} s; {deadLetters} dead letters";
            return age > options.Value.BacklogDegradedAfter
                ? HealthCheckResult.Degraded(description, data: data)
                : HealthCheckResult.Healthy(description, data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded($"Outbox backlog unknown: {ex.Message}");
        }
    }
}
