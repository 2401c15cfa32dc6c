using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.EndToEnd.Route;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using Xunit.Abstractions;

namespace PerfWorkflow.EndToEnd.Crash;

/// <summary>
/// The app in the production profile as a child process, killed with SIGKILL again and again while a burst of submits
/// runs and their 【待审核】 mails go out (docs/adr/007-crash-safe-mail-delivery.md): afterwards every answered submit is
/// in the history, every mail arrived, none twice except a repeat with the same Message-ID, and no row is left Pending.
/// </summary>
public sealed class MailCrashHarnessTests(ITestOutputHelper output)
{
    private readonly TextWriter _progress = Progress("crash-harness.log");
    private int _answered;

    private const int Declarations = 24;
    private const int KillsWanted = 5;

    [Fact]
    public async Task Production_KilledAgainAndAgainMidBurst_EveryMailArrivesOnce_NothingStaysPending()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var smtp = SmtpTestServer.Start();
        // Each SMTP exchange takes a while, so kills land while mails are being sent, not only between them.
        smtp.AcceptDelay = TimeSpan.FromMilliseconds(120);
        await using var app = new ChildApp(ChildApp.ProductionSettings(database, smtp));
        await app.StartAsync(TimeSpan.FromSeconds(120));
        Log("started");
        var cycle = await SeedAsync(database);
        Log("seeded");
        await RunAsync(
            "production", app, TestOrganisation.Password, cycle, ["office@t.cn", "office2@t.cn"],
            () => [.. smtp.Messages],
            async () => await database.ScalarAsync<long>("SELECT count(*) FROM mail_deliveries WHERE \"Status\" = 'Pending'")
                + await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages"),
            () => database.ScalarAsync<long>("SELECT coalesce(sum(\"Attempts\" - 1), 0) FROM mail_deliveries"));
    }

    [Fact]
    public async Task Embedded_KilledAgainAndAgainMidBurst_EveryMailArrivesOnce_NothingStaysPending()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pw-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await using var app = new ChildApp(new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Profile"] = "Embedded",
                ["DataDirectory"] = folder,
                ["MailDelivery__Lease"] = "00:00:03",
                ["MailDelivery__RedriveAfter"] = "00:00:05",
                ["MailDelivery__SweepInterval"] = "00:00:01",
                ["Outbox__InFlightTimeout"] = "00:00:05",
            });
            await app.StartAsync(TimeSpan.FromSeconds(120));
            Log("started");
            var database = Path.Combine(folder, "perfworkflow.db");
            await RunAsync(
                "embedded", app, "Demo#2024", new DeclarationRulesOptions().BudgetYear, ["office@futian.example.cn"],
                () => ReadMailFolder(Path.Combine(folder, "mail")),
                async () => await SqliteScalarAsync(database, "SELECT count(*) FROM mail_deliveries WHERE \"Status\" = 'Pending'")
                    + await SqliteScalarAsync(database, "SELECT count(*) FROM outbox_messages"),
                () => SqliteScalarAsync(database, "SELECT coalesce(sum(\"Attempts\" - 1), 0) FROM mail_deliveries"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task RunAsync(
        string profile, ChildApp app, string password, int cycle, string[] officeAddresses,
        Func<List<MimeMessage>> received, Func<Task<long>> pendingRows, Func<Task<long>> resends)
    {
        var cookies = new CookieContainer();
        using var drafter = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        await LoginAsync(drafter, password);
        var ids = new List<Guid>();
        for (var i = 0; i < Declarations; i++)
        {
            ids.Add(await CreateAsync(drafter, cycle));
        }
        Log("created");

        using var burstDone = new CancellationTokenSource();
        var killer = KillRepeatedlyAsync(app, () => received().Count, burstDone.Token);
        var answered = new List<Guid>();
        foreach (var id in ids)
        {
            if (await SubmitUntilAnsweredAsync(drafter, id, password))
            {
                answered.Add(id);
                Interlocked.Increment(ref _answered);
            }
            Log($"submitted {answered.Count}");
            await Task.Delay(100);
        }
        await burstDone.CancelAsync();
        await killer;
        Log("burst done");

        // Every 2xx action is in the history.
        foreach (var id in answered)
        {
            var history = await GetWithRetryAsync<JsonArray>(drafter, $"/api/declarations/{id}/history");
            Assert.Contains("submit", history.Select(h => h!["action"]!.GetValue<string>()));
        }

        // Every expected mail arrives; the recovery sweep re-drives what a crash left Pending.
        var expected = answered.SelectMany(id => officeAddresses.Select(a => (Id: id, Address: a))).ToList();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline && (Missing(received(), expected).Count > 0 || await pendingRows() > 0))
        {
            await Task.Delay(250);
        }
        var mails = SubmittedMails(received());
        var missing = Missing(mails, expected);
        var byMail = expected.ToDictionary(e => e, e => mails.Where(m => Is(m, e.Id, e.Address)).ToList());
        var duplicated = byMail.Values.Sum(list => Math.Max(0, list.Count - 1));
        var differentIds = byMail.Where(kv => kv.Value.Select(m => m.MessageId).Distinct().Count() > 1).ToList();
        var pending = await pendingRows();
        var report =
            $"{profile}: kills {app.Kills}, starts {app.Starts}, submits answered 2xx {answered.Count} of {ids.Count}, " +
            $"mails expected {expected.Count}, delivered {expected.Count - missing.Count}, " +
            $"duplicated {duplicated} (all with the same Message-ID: {differentIds.Count == 0}), Pending rows left {pending}, " +
            $"claims taken again (attempts beyond the first) {await resends()}";
        output.WriteLine(report);
        Log(report);

        Assert.True(app.Kills >= 5, $"only {app.Kills} kills happened");
        Assert.Equal(ids.Count, answered.Count);
        Assert.True(missing.Count == 0, $"{missing.Count} mails never arrived; {report}\n{app.Tail()}");
        Assert.True(differentIds.Count == 0, $"mails sent twice under different Message-IDs: {string.Join(", ", differentIds.Select(d => d.Key))}");
        Assert.Equal(0L, pending);
    }

    private static List<MimeMessage> ReadMailFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }
        var mails = new List<MimeMessage>();
        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            using var stream = File.OpenRead(file);
            mails.Add(MimeMessage.Load(stream));
        }
        return mails;
    }

    private static async Task<long> SqliteScalarAsync(string path, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Kills the app at a random moment once the burst made progress since the last start (a few more submits answered,
    /// so their mails are on their way), then starts it again; after the burst, the kills still due land while its mails
    /// go out.
    /// </summary>
    private async Task KillRepeatedlyAsync(ChildApp app, Func<int> mailCount, CancellationToken burstDone)
    {
        var random = new Random(11);
        while (app.Kills < KillsWanted)
        {
            var answeredAtStart = Volatile.Read(ref _answered);
            while (!burstDone.IsCancellationRequested && Volatile.Read(ref _answered) < answeredAtStart + 3)
            {
                await Task.Delay(50, CancellationToken.None);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(50, 700)), CancellationToken.None);
            var mails = mailCount();
            await app.KillAsync();
            Log($"kill {app.Kills} ({(burstDone.IsCancellationRequested ? "after" : "during")} the burst), {Volatile.Read(ref _answered)} submits answered, {mails} mails received");
            await app.StartAsync(TimeSpan.FromSeconds(120));
            Log("restarted");
        }
    }

    /// <summary>Submits with one Idempotency-Key until the app answers; a dead process is simply asked again.</summary>
    private async Task<bool> SubmitUntilAnsweredAsync(HttpClient drafter, Guid id, string password)
    {
        var key = $"crash-{id:N}";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/declarations/{id}/actions/submit") { Content = JsonContent.Create(new { }) };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await drafter.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    await LoginAsync(drafter, password);
                    continue;
                }
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
                if ((int)response.StatusCode < 500)
                {
                    Log($"submit {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    return false;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The process is dead or starting; the same key makes the retry safe.
            }
            await Task.Delay(200);
        }
        return false;
    }

    private static async Task<T> GetWithRetryAsync<T>(HttpClient client, string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return (await client.GetFromJsonAsync<T>(path))!;
            }
            catch (Exception ex) when (attempt < 100 && ex is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }
    }

    private static List<MimeMessage> SubmittedMails(IEnumerable<MimeMessage> received) =>
        received.Where(m => m.Subject?.StartsWith("【待审核】", StringComparison.Ordinal) == true).ToList();

    private static bool Is(MimeMessage mail, Guid declarationId, string address) =>
        mail.To.Mailboxes.Any(b => b.Address == address)
        && (mail.HtmlBody ?? mail.TextBody ?? "").Contains(declarationId.ToString(), StringComparison.Ordinal);

    private static List<(Guid Id, string Address)> Missing(List<MimeMessage> received, List<(Guid Id, string Address)> expected)
    {
        var mails = SubmittedMails(received);
        return expected.FindAll(e => !mails.Any(m => Is(m, e.Id, e.Address)));
    }

    private static async Task<int> SeedAsync(TestDatabase database)
    {
        var services = new ServiceCollection()
            .AddScoped(_ => database.NewContext())
            .AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>()
            .BuildServiceProvider();
        await using (services)
        {
            await TestOrganisation.SeedAsync(services);
            await TestOrganisation.AddCycleAsync(services, 2101, ChinaTime.Today(TimeProvider.System).AddDays(90));
        }
        return 2101;
    }

    private static async Task LoginAsync(HttpClient client, string password)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName = "drafter.gy", password });
                response.EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<Guid> CreateAsync(HttpClient drafter, int cycle)
    {
        var body = JsonSerializer.SerializeToNode(RouteFixture.ValidForm(), DeclarationJson.Options)!.AsObject();
        body["cycleYear"] = cycle;
        using var response = await drafter.PostAsJsonAsync("/api/declarations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return created["id"]!.GetValue<Guid>();
    }

    private void Log(string line)
    {
        lock (_progress)
        {
            _progress.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
            _progress.Flush();
        }
    }

    private static StreamWriter Progress(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "artifacts");
        Directory.CreateDirectory(folder);
        return new StreamWriter(Path.Combine(folder, name), append: true);
    }
}
