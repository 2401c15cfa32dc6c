using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using MimeKit;
using SmtpServer;
using SmtpServer.Storage;

namespace PerfWorkflow.RouteLoad;

/// <summary>Submit → email received by the SMTP server, through the outbox, RabbitMQ and the mail consumer (issue 5).</summary>
internal static class MailLatency
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a loopback SMTP server that records when each subject arrived.</summary>
    public static (ConcurrentDictionary<string, long> Arrivals, CancellationTokenSource Stop) StartSink(int port)
    {
        var arrivals = new ConcurrentDictionary<string, long>();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Sink(arrivals));
        var stop = new CancellationTokenSource();
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
        return (arrivals, stop);
    }

    /// <summary>Submits each declaration in turn at a steady pace and reports p50/p95 from the submit's answer to the mail.</summary>
    public static async Task<(double P50, double P95, int Missing)> RunAsync(
        Uri baseAddress, IReadOnlyList<(string User, Guid Id, string Name)> declarations, ConcurrentDictionary<string, long> arrivals, TimeSpan pace)
    {
        var clients = new Dictionary<string, HttpClient>();
        var submittedAt = new Dictionary<string, long>();
        foreach (var (user, id, name) in declarations)
        {
            if (!clients.TryGetValue(user, out var client))
            {
                client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
                (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "Load#2024" })).EnsureSuccessStatusCode();
                clients[user] = client;
            }
            using var response = await client.PostAsJsonAsync($"/api/declarations/{id}/actions/submit", new { });
            response.EnsureSuccessStatusCode();
            submittedAt[name] = Stopwatch.GetTimestamp();
            await Task.Delay(pace);
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && submittedAt.Keys.Any(n => !arrivals.Keys.Any(s => s.EndsWith("：" + n, StringComparison.Ordinal))))
        {
            await Task.Delay(200);
        }
        var latencies = new List<double>();
        var missing = 0;
        foreach (var (name, at) in submittedAt)
        {
            var arrival = arrivals.FirstOrDefault(a => a.Key.EndsWith("：" + name, StringComparison.Ordinal));
            if (arrival.Key is null)
            {
                missing++;
                continue;
            }
            latencies.Add(Stopwatch.GetElapsedTime(at, arrival.Value).TotalMilliseconds);
        }
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
        latencies.Sort();
        return latencies.Count == 0 ? (double.NaN, double.NaN, missing)
            : (latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.95)], missing);
    }

    private sealed class Sink(ConcurrentDictionary<string, long> arrivals) : MessageStore
    {
        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var now = Stopwatch.GetTimestamp();
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            arrivals.TryAdd(message.Subject ?? "", now);
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }
}
