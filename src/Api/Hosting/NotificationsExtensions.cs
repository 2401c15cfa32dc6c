using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PerfWorkflow.Notifications.Delivery;
using PerfWorkflow.Notifications.Links;
using PerfWorkflow.Notifications.Mail;

namespace PerfWorkflow.Api.Hosting;

public static class NotificationsExtensions
{
    /// <summary>The mail sender per profile: SMTP (MailKit) in production, .eml files under the data folder otherwise.</summary>
    public static void AddNotifications(this WebApplicationBuilder builder, HostingOptions hosting)
    {
        // Parsed once; a broken template stops start-up with its file name (resolved by TemplateCheck below).
        builder.Services.AddSingleton<PerfWorkflow.Notifications.Rendering.MailTemplates>();
        builder.Services.AddHostedService<TemplateCheck>();
        builder.BindValidated<MailDeliveryOptions>(MailDeliveryOptions.SectionName);
        builder.BindValidated<PerfWorkflow.Workflows.Notices.ReviewDigestOptions>(PerfWorkflow.Workflows.Notices.ReviewDigestOptions.SectionName);
        builder.Services.AddMailDelivery();
        // Until the signed /act links are registered, every link opens the portal.
        builder.Services.TryAddSingleton<IActionLinkIssuer>(new PortalOnlyLinkIssuer(new Uri(hosting.PublicBaseUrl)));
        if (hosting.Profile == AppProfile.Production)
        {
            builder.BindValidated<SmtpOptions>(SmtpOptions.SectionName);
            builder.Services.AddSingleton<SmtpMailSender>();
            builder.Services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<SmtpMailSender>());
            builder.Services.AddHealthChecks().AddCheck<SmtpHealthCheck>("mail", HealthStatus.Degraded, ["ready"]);
        }
        else
        {
            var folder = Path.Combine(builder.EmbeddedDataDirectory(hosting), "mail");
            builder.Services.AddSingleton(sp => new FileMailSender(folder, sp.GetRequiredService<TimeProvider>()));
            builder.Services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<FileMailSender>());
        }
    }
}

/// <summary>Connects to the SMTP server; a failure is reported as degraded (mail waits in the outbox, actions go on).</summary>
public sealed class SmtpHealthCheck(SmtpMailSender sender) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await sender.ProbeAsync(cancellationToken);
            return HealthCheckResult.Healthy("SMTP server accepts connections");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"SMTP server unreachable: {ex.Message}");
        }
    }
}

/// <summary>Resolves the templates at start so a broken one names itself before any mail is due.</summary>
public sealed class TemplateCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = services.GetRequiredService<PerfWorkflow.Notifications.Rendering.MailTemplates>();
        }
        catch (PerfWorkflow.Notifications.Rendering.MailTemplateException ex)
        {
            throw new StartupException($"Email template error: {ex.Message}", ex);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
