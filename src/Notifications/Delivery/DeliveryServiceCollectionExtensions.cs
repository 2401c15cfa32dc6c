using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerfWorkflow.Workflows.Declarations.Diff;

namespace PerfWorkflow.Notifications.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>The per-message services the mail consumers use (scoped: they share the consumer's DbContext).</summary>
    public static IServiceCollection AddMailDelivery(this IServiceCollection services)
    {
        services.AddScoped<ConsumedEvent>();
        services.AddScoped<MailDispatcher>();
        services.AddHostedService<MailRecoverySweep>();
        services.AddScoped<MailFacts>();
        services.TryAddScoped<DiffBaseline>();
        services.AddSingleton<MailDirectory>();
        services.AddScoped<Recipients>();
        services.AddScoped<DeclarationMails>();
        services.AddScoped<TaskMails>();
        services.AddScoped<DigestItems>();
        services.AddScoped<DigestMails>();
        services.AddScoped<DeadlineMails>();
        services.AddScoped<ReviewDigestInbox>();
        services.AddScoped<ReviewDigestMails>();
        services.AddScoped<PackageMails>();
        return services;
    }
}
