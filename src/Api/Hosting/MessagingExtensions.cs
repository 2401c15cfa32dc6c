using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PerfWorkflow.Api.Messaging;
using PerfWorkflow.Notifications.Delivery;
using PerfWorkflow.Workflows.Contracts;

namespace PerfWorkflow.Api.Hosting;

public static class MessagingExtensions
{
    /// <summary>MassTransit: RabbitMQ in production, in-memory in the embedded profile. A down broker never stops the app.</summary>
    public static void AddMessaging(this WebApplicationBuilder builder, HostingOptions hosting)
    {
        var rabbit = hosting.Profile == AppProfile.Production
            ? builder.BindValidated<RabbitMqOptions>(RabbitMqOptions.SectionName)
            : null;
        builder.Services.AddMassTransit(x =>
        {
            x.SetKebabCaseEndpointNameFormatter();
            // MassTransit 8.4+ reports anonymous usage to usage-tracking.masstransit.io by default. A government intranet
            // app calls no outside host (and there it would only log a failure at every start).
            x.ConfigureUsageTelemetryOptions(o => o.Enabled = false);
            x.AddConsumer<BusPingConsumer>();
            x.AddConsumers(typeof(PerfWorkflow.Notifications.NotificationsAssembly).Assembly);
            // The outbox keeps messages while the broker is away: the bus is degraded, never fatal.
            x.ConfigureHealthCheckOptions(o =>
            {
                o.Name = "bus";
                o.MinimalFailureStatus = HealthStatus.Degraded;
            });
            if (rabbit is null)
            {
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseConsumeFilter(typeof(ConsumedEventFilter<>), context);
                    // The in-memory bus loses what a crash interrupts: outbox rows stay until consumed.
                    cfg.ConnectConsumeObserver(context.GetRequiredService<OutboxConsumedObserver>());
                    cfg.UseConsumeFilter(typeof(ConsumedEventFilter<>), context);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(rabbit.Host, (ushort)rabbit.Port, rabbit.VirtualHost, h =>
                    {
                        h.Username(rabbit.UserName);
                        h.Password(rabbit.Password);
                    });
                    cfg.UseConsumeFilter(typeof(ConsumedEventFilter<>), context);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = false;
            o.StopTimeout = TimeSpan.FromSeconds(10);
        });
        builder.AddOutbox(keepUntilConsumed: rabbit is null);
    }
}

/// <summary>Answers <see cref="BusPing"/> so a test or an admin can prove the bus round trip.</summary>
public sealed class BusPingConsumer : IConsumer<BusPing>
{
    public Task Consume(ConsumeContext<BusPing> context) =>
        context.RespondAsync(new BusPong(context.Message.Id, Environment.MachineName));
}
