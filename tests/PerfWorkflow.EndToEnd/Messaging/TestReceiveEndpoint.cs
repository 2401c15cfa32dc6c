using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace PerfWorkflow.EndToEnd.Messaging;

/// <summary>
/// A test-only receive endpoint on an app's bus, connected at run time so the app needs no hook: a durable queue bound
/// to the exchanges of its handlers' messages (bindings survive a broker restart), expiring once unused.
/// </summary>
public static class TestReceiveEndpoint
{
    public static async Task<HostReceiveEndpointHandle> ConnectAsync(IServiceProvider services, string prefix, Action<IReceiveEndpointConfigurator> handlers)
    {
        var bus = services.GetRequiredService<IBus>();
        var handle = bus.ConnectReceiveEndpoint($"{prefix}-{Guid.NewGuid():N}", endpoint =>
        {
            if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.QueueExpiration = TimeSpan.FromMinutes(5);
            }
            handlers(endpoint);
        });
        await handle.Ready.WaitAsync(TimeSpan.FromSeconds(30));
        return handle;
    }
}
