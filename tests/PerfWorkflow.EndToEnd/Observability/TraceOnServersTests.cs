using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.EndToEnd.Route;

namespace PerfWorkflow.EndToEnd.Observability;

/// <summary>
/// Issue 11 item 4 on the production path: one submit is one trace from the HTTP POST through PostgreSQL, the outbox
/// (the trace context stored on the row), RabbitMQ and the consumer to the SMTP send, and the mail that reached the SMTP
/// server carries the Message-ID the send span names.
/// </summary>
public sealed class TraceOnServersTests
{
    private const int Cycle = 2027;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ASubmit_IsOneTrace_FromTheHttpPost_ThroughPostgresTheOutboxAndRabbitMq_ToTheSmtpSend()
    {
        var spans = new List<Activity>();
        await using var database = await TestDatabase.CreateAsync();
        await using var smtp = SmtpTestServer.Start();
        await using var root = new ProductionApp(database, smtp);
        await using var app = root.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))));
        await TestOrganisation.SeedAsync(app.Services);
        // Due far ahead, so that no reminder of the real clock's sweep joins the trace's mail.
        await TestOrganisation.AddCycleAsync(app.Services, Cycle, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90));
        using var drafter = await RouteFixture.LoginAsync(app, "drafter.gy");
        var declaration = await RouteFixture.CreateAsync(drafter, Cycle);
        var id = declaration["id"]!.GetValue<Guid>();
        var path = $"/api/declarations/{id}/actions/submit";

        using var submit = await drafter.PostAsJsonAsync(path, new { expectedVersion = declaration["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        var mail = await smtp.WaitForAsync(m => (m.Subject ?? "").StartsWith("【待审核】", StringComparison.Ordinal), Timeout);

        Activity? http = null;
        Activity[] trace = [];
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            Activity[] all;
            lock (spans)
            {
                all = [.. spans];
            }
            http = all.FirstOrDefault(a => a.Kind == ActivityKind.Server && (a.GetTagItem("url.path") as string) == path);
            trace = http is null ? [] : all.Where(a => a.TraceId == http.TraceId).ToArray();
            // Spans are exported as they end: the send before the consume around it. Wait for the whole ancestry.
            var sent = trace.FirstOrDefault(a => a.OperationName == "mail.send" && (a.GetTagItem("perfworkflow.message_id") as string) == mail.MessageId);
            if (sent is not null && IsWithin(sent, http!, trace))
            {
                break;
            }
            await Task.Delay(100);
        }

        Assert.NotNull(http);
        var names = string.Join(", ", trace.Select(a => $"{a.Source.Name}:{a.OperationName}"));
        var action = Assert.Single(trace, a => a.OperationName == "declaration.submit");
        Assert.Equal(http.SpanId, action.ParentSpanId);
        Assert.True(trace.Any(a => a.Source.Name == "Npgsql" && IsWithin(a, action, trace)), $"no PostgreSQL span under the action: {names}");
        // The dispatch of the submit's event (DeclarationSubmitted) is a child of the action.
        var dispatches = trace.Where(a => a.OperationName == "outbox.dispatch").ToList();
        Assert.True(dispatches.Count > 0, $"no outbox.dispatch span in the trace: {names}");
        Assert.All(dispatches, d => Assert.Equal(action.SpanId, d.ParentSpanId));
        var publishes = trace.Where(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Producer && dispatches.Any(d => IsWithin(a, d, trace))).ToList();
        Assert.True(publishes.Count > 0, $"no MassTransit publish under a dispatch: {names}");
        Assert.All(publishes, p => Assert.Equal("rabbitmq", p.GetTagItem("messaging.system") as string));
        var consumes = trace.Where(a => a.Source.Name == "MassTransit" && a.Kind == ActivityKind.Consumer && publishes.Any(p => IsWithin(a, p, trace))).ToList();
        Assert.True(consumes.Count > 0, $"no MassTransit consume span under a publish: {names}");
        var send = trace.FirstOrDefault(a => a.OperationName == "mail.send" && (a.GetTagItem("perfworkflow.message_id") as string) == mail.MessageId);
        Assert.True(send is not null, $"no mail.send span naming the delivered mail's Message-ID {mail.MessageId}: {names}");
        var chain = string.Join(" ← ", Ancestry(send, trace).Select(a => $"{a.Source.Name}:{a.OperationName}"));
        Assert.True(consumes.Any(c => IsWithin(send, c, trace)), $"the send is not under a consume; its ancestry: {chain}; send parent {send.ParentSpanId}; consumes {string.Join(",", consumes.Select(c => c.SpanId + "<" + c.ParentSpanId))}");
        Assert.Equal(ActivityStatusCode.Unset, send.Status);
    }

    private static IEnumerable<Activity> Ancestry(Activity span, IReadOnlyList<Activity> trace)
    {
        var bySpan = trace.GroupBy(a => a.SpanId).ToDictionary(g => g.Key, g => g.First());
        for (var current = span; current is not null; current = bySpan.GetValueOrDefault(current.ParentSpanId))
        {
            yield return current;
        }
    }

    /// <summary>Whether <paramref name="span"/> descends from <paramref name="ancestor"/> through spans of the trace.</summary>
    private static bool IsWithin(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        var bySpan = trace.GroupBy(a => a.SpanId).ToDictionary(g => g.Key, g => g.First());
        var current = span;
        for (var hops = 0; hops < 64; hops++)
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
            if (!bySpan.TryGetValue(current.ParentSpanId, out var parent))
            {
                return false;
            }
            current = parent;
        }
        return false;
    }
}
