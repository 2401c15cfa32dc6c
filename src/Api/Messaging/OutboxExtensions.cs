using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfWorkflow.Api.Hosting;

namespace PerfWorkflow.Api.Messaging;

public static class OutboxExtensions
{
    /// <summary>The outbox dispatcher, its commit signal, the backlog health check and the dead-letter admin service.</summary>
    public static void AddOutbox(this WebApplicationBuilder builder, bool keepUntilConsumed)
    {
        var options = builder.BindValidated<OutboxOptions>(OutboxOptions.SectionName);
        options.KeepUntilConsumed = keepUntilConsumed;
        builder.Services.AddSingleton<OutboxConsumedObserver>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<PerfWorkflow.Workflows.Persistence.IOutboxWakeUp>(sp => sp.GetRequiredService<OutboxSignal>());
        builder.Services.AddSingleton<IInterceptor, OutboxCommitInterceptor>();
        builder.Services.AddScoped<DeadLetters>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", HealthStatus.Degraded, ["ready"]);
    }
}
