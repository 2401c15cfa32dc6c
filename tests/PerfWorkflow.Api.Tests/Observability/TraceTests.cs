using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PerfWorkflow.Api.Tests.Hosting;

namespace PerfWorkflow.Api.Tests.Observability;

/// <summary>
/// Issue 11: one trace from the click to the inbox — the HTTP POST, the route action, the outbox dispatch (published
/// under the trace context stored on the outbox row), the consumer and the mail send — and the action counter.
/// </summary>
public sealed class TraceTests
{
    [Fact]
    public async Task ASubmit_IsOneTrace_FromTheHttpPost_ThroughTheOutboxAndTheConsumer_ToTheMailSend()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var app = new EmbeddedApp();
        await using var traced = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        }));
        using var client = EmbeddedApp.CreateDiagnosedClient(traced, app.Errors);
        using (var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "drafter.gy", password = "Demo#2024" }))
        {
            login.EnsureSuccessStatusCode();
        }
        var drafts = await client.GetFromJsonAsync<JsonArray>("/api/declarations?stage=Draft");
        var id = drafts!.First()!["id"]!.GetValue<Guid>();

        using var submit = await client.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { });
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);

        var path = $"/api/declarations/{id}/actions/submit";
        Activity? http = null;
        Activity[] trace = [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var all = Snapshot(spans);
            http = all.FirstOrDefault(a => a.Kind == ActivityKind.Server && (a.GetTagItem("url.path") as string) == path);
            trace = http is null ? [] : all.Where(a => a.TraceId == http.TraceId).ToArray();
            // Spans are exported as they end: the send before the consume around it, so wait for both.
            if (trace.Any(a => a.OperationName == "mail.send") && trace.Any(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer))
            {
                break;
            }
            await Task.Delay(100);
        }
        Assert.NotNull(http);
        var names = string.Join(", ", trace.Select(a => $"{a.Source.Name}:{a.OperationName}"));
        var action = Assert.Single(trace, a => a.OperationName == "declaration.submit");
        Assert.Equal(http.SpanId, action.ParentSpanId);
        Assert.Equal("done", action.GetTagItem("perfworkflow.outcome"));
        var dispatch = trace.FirstOrDefault(a => a.OperationName == "outbox.dispatch");
        Assert.True(dispatch is not null, $"no outbox.dispatch span in the trace: {names}");
        Assert.Equal(action.SpanId, dispatch.ParentSpanId);
        Assert.True(trace.Any(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer), $"no MassTransit consume span in the trace: {names}");
        Assert.True(trace.Any(a => a.OperationName == "mail.send"), $"no mail.send span in the trace: {names}");

        // The action counter has the name and the outcome; the backlog gauges are read from the database.
        await traced.Services.GetRequiredService<PerfWorkflow.Api.Hosting.TelemetryGauges>().ReadAsync(default);
        var provider = traced.Services.GetRequiredService<MeterProvider>();
        provider.ForceFlush();
        foreach (var gauge in new[] { "perfworkflow.mail.pending", "perfworkflow.mail.failed", "perfworkflow.tasks.overdue" })
        {
            Assert.Contains(Snapshot(metrics), m => m.Name == gauge);
        }
        var counted = Snapshot(metrics).Where(m => m.Name == "perfworkflow.actions").SelectMany(Points).ToList();
        Assert.Contains(counted, p => p.Action == "submit" && p.Outcome == "done" && p.Value >= 1);
    }

    private static T[] Snapshot<T>(List<T> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    private static List<(string? Action, string? Outcome, long Value)> Points(Metric metric)
    {
        var points = new List<(string?, string?, long)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            string? action = null, outcome = null;
            foreach (var tag in point.Tags)
            {
                if (tag.Key == "action") { action = tag.Value as string; }
                if (tag.Key == "outcome") { outcome = tag.Value as string; }
            }
            points.Add((action, outcome, point.GetSumLong()));
        }
        return points;
    }
}
