using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PerfWorkflow.Workflows.Telemetry;

namespace PerfWorkflow.Api.Hosting;

/// <summary>
/// OpenTelemetry (README, observability): traces of ASP.NET Core, outgoing HTTP, Npgsql, MassTransit and the app's own
/// spans (route action, outbox dispatch, reminder sweep, mail send); metrics of the app's meter and ASP.NET Core. Always
/// collected in process (cheap without a listener); exported over OTLP only when an endpoint is set with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or <c>Telemetry:OtlpEndpoint</c>.
/// </summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var endpoint = builder.Configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } configured
            ? configured
            : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var export = Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("perfworkflow"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource("MassTransit", PerfWorkflowTelemetry.Name);
                if (export)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp!);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PerfWorkflowTelemetry.Name).AddAspNetCoreInstrumentation();
                if (export)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp!);
                }
            });
        builder.Services.AddSingleton<TelemetryGauges>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelemetryGauges>());
        return builder;
    }
}
