using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PerfWorkflow.Notifications.Delivery;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.RouteLoad;

/// <summary>
/// The long-history scenario (issue 15): one declaration submitted and withdrawn until it holds 200 versions; at 1, 50,
/// 100 and 200 the facts a submit's email needs (declaration, diff, summary) are loaded as the mail consumer loads them,
/// in a fresh scope each time, with their time and allocation. The cost must not grow with the history.
/// </summary>
internal static class History
{
    public static async Task RunAsync(IServiceProvider services, Uri baseAddress, string drafter)
    {
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = drafter, password = "Load#2024" })).EnsureSuccessStatusCode();
        var list = await client.GetFromJsonAsync<JsonArray>("/api/declarations");
        var id = list![0]!["id"]!.GetValue<Guid>();
        Console.WriteLine("versions   mail facts p50 ms   allocated KB per call");
        foreach (var target in new[] { 1, 50, 100, 200 })
        {
            while (await VersionsAsync(services, id) < target)
            {
                await ActAsync(client, id, "submit");
                await ActAsync(client, id, "withdraw");
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
            var (p50, allocated) = await MeasureFactsAsync(services, id, 50);
            Console.WriteLine($"{await VersionsAsync(services, id),8}   {p50,17:F2}   {allocated / 1024.0,21:F0}");
        }
    }

    private static async Task ActAsync(HttpClient client, Guid id, string action)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/declarations/{id}/actions/{action}") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<int> VersionsAsync(IServiceProvider services, Guid id)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>().DeclarationVersions.CountAsync(v => v.DeclarationId == id);
    }

    private static async Task<(double P50, long AllocatedPerCall)> MeasureFactsAsync(IServiceProvider services, Guid id, int calls)
    {
        var times = new List<double>();
        long allocated = 0;
        for (var i = 0; i < calls + 5; i++)
        {
            using var scope = services.CreateScope();
            var facts = scope.ServiceProvider.GetRequiredService<MailFacts>();
            var before = GC.GetTotalAllocatedBytes(precise: false);
            var watch = Stopwatch.StartNew();
            var found = await facts.DeclarationAsync(id, int.MaxValue, diffFrom: null, CancellationToken.None);
            watch.Stop();
            if (i >= 5)
            {
                // Process-wide (awaits change threads); the outbox and consumers are idle by now.
                allocated += GC.GetTotalAllocatedBytes(precise: false) - before;
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            _ = found ?? throw new InvalidOperationException("the declaration is gone");
        }
        times.Sort();
        return (times[times.Count / 2], allocated / calls);
    }
}
