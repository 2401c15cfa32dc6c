using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.EndToEnd.Route;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;
using Xunit.Abstractions;

namespace PerfWorkflow.EndToEnd.Nodes;

/// <summary>
/// Issue 11 item 3, the topology of docs/deployment.md: two full app nodes in the production profile as two separate
/// processes (<see cref="ChildApp"/>) on one PostgreSQL, one RabbitMQ and one SMTP server, given the same settings and
/// the same key-ring certificate, with the load spread over both as a reverse proxy without sticky sessions would.
/// A sign-in on A is valid on B; an action link mailed by A works on B; a burst over both nodes mails each notice once
/// and records each action once; both nodes sweeping reminders at the same moment send each reminder once; an
/// attachment uploaded on A downloads byte-identical from B; node A killed with SIGKILL mid-burst leaves B to finish:
/// every mail delivered, nothing Pending.
/// </summary>
public sealed partial class TwoFullNodesTests(ITestOutputHelper output)
{
    /// <summary>The address of the reverse proxy in front of the nodes: what mails link to.</summary>
    private const string PublicBaseUrl = "https://perfworkflow.example.cn";

    private const int Cycle = 2101;
    private const int FirstBurst = 12;
    private const int SecondBurst = 16;
    private const string Drafter = "drafter.gy";
    private static readonly string[] Office = ["office@t.cn", "office2@t.cn"];
    private static readonly string[] Escalated = ["head.gy@t.cn", "office@t.cn", "office2@t.cn"];
    private static readonly TimeSpan WholeTest = TimeSpan.FromMinutes(3);

    private readonly TextWriter _progress = Progress("two-nodes.log");
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _figures = [];

    [Fact]
    public async Task TwoNodes_OneDatabaseBrokerAndSmtp_ShareSessionsLinksFilesAndWork_AndOneFinishesWhatTheKilledOneLeft()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var smtp = SmtpTestServer.Start();
        var calendar = WorkingTodayCalendar();
        try
        {
            var settings = ChildApp.ProductionSettings(database, smtp);
            settings["PublicBaseUrl"] = PublicBaseUrl;
            settings["Calendar__Directory"] = calendar;
            // One overdue reminder per task and recipient, not a digest: the test counts them one by one.
            settings["Reminders__DigestThreshold"] = "1000";
            settings["Jobs__QueuePollInterval"] = "00:00:00.200";
            settings["Jobs__SchedulePollingInterval"] = "00:00:00.500";
            // Owned here, so that a run over time still kills both processes on the way out: a node left running
            // would consume the next test's messages from the shared queues.
            await using var a = new ChildApp(settings);
            await using var b = new ChildApp(settings);
            var run = RunAsync(new Nodes(a, b), database, smtp);
            // Every wait inside is bounded as well; this bounds the sum.
            if (await Task.WhenAny(run, Task.Delay(WholeTest)) != run)
            {
                throw new TimeoutException($"The two-node test took longer than {WholeTest}; progress in tests/artifacts/two-nodes.log:\n{string.Join('\n', _figures)}");
            }
            await run;
        }
        finally
        {
            foreach (var line in _figures)
            {
                output.WriteLine(line);
            }
            Directory.Delete(calendar, recursive: true);
        }
    }

    private async Task RunAsync(Nodes nodes, TestDatabase database, SmtpTestServer smtp)
    {
        var (a, b) = (nodes.A, nodes.B);
        // Node A alone first, so the link below is minted and mailed by A's process and B joins an existing key ring.
        await a.StartAsync(TimeSpan.FromSeconds(120));
        Log($"node A started on {a.Port}");
        await SeedAsync(database);
        using var drafter = nodes.Client(new CookieContainer());
        await LoginAsync(drafter.On(a), Drafter);
        var linked = await CreateAsync(drafter.On(a));
        await ActAsync(drafter.On(a), linked.Id, "submit", "two-nodes-linked");
        var linkMail = await WaitForAsync(smtp, m => IsMail(m, "【待审核】", "office@t.cn", linked.Id), a);
        var link = Regex.Match(linkMail.TextBody ?? "", @"纳入汇总：(\S+)").Groups[1].Value;
        Assert.StartsWith(PublicBaseUrl + "/act/", link, StringComparison.Ordinal);

        await b.StartAsync(TimeSpan.FromSeconds(120));
        Log($"node B started on {b.Port}");

        await SignInOnA_IsValidOnB(nodes, drafter, linked.Id);
        await LinkMailedByA_WorksOnB(nodes, drafter, linked.Id, link);
        var expected = new List<MailKey>
        {
            new("【待审核】", "office@t.cn", linked.Id), new("【待审核】", "office2@t.cn", linked.Id),
            new("【已纳入汇总】", "drafter.gy@t.cn", linked.Id),
        };

        var first = await BurstOverBothNodesAsync(nodes, drafter, FirstBurst, "first");
        expected.AddRange(first.SelectMany(d => Office.Select(o => new MailKey("【待审核】", o, d.Id))));
        await WaitForMailsAsync(smtp, expected, TimeSpan.FromSeconds(60), "first burst");
        await AssertEachSubmitOnceAsync(nodes, drafter, first);

        var reminders = await BothNodesSweepAtOnceAsync(nodes, database, smtp, first);
        expected.AddRange(reminders);

        await AttachmentFromA_DownloadsFromB(nodes, drafter);

        // Nothing has been killed yet: not even a same-Message-ID repeat may have happened.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var beforeKill = Count([.. smtp.Messages], expected);
        Assert.True(beforeKill.Missing.Count == 0, $"{beforeKill.Missing.Count} mails missing: {string.Join(", ", beforeKill.Missing.Take(5))}");
        Assert.True(beforeKill.Repeated == 0, $"{beforeKill.Repeated} mails arrived twice before any node was killed");
        Figure($"before the kill: mails expected {expected.Count}, delivered {expected.Count - beforeKill.Missing.Count}, duplicated {beforeKill.Repeated}");

        var second = await KillAMidBurstAsync(nodes, database, smtp, drafter);
        expected.AddRange(second.SelectMany(d => Office.Select(o => new MailKey("【待审核】", o, d.Id))));

        var all = Count([.. smtp.Messages], expected);
        var pending = await database.ScalarAsync<long>("SELECT count(*) FROM mail_deliveries WHERE \"Status\" = 'Pending'");
        Figure($"whole run: mails expected {expected.Count}, delivered {expected.Count - all.Missing.Count}, duplicated {all.Repeated} " +
            $"(under another Message-ID: {all.DifferentIds}), unexpected {all.Unexpected}, Pending rows {pending}, {_clock.Elapsed.TotalSeconds:0} s");
        Assert.Empty(all.Missing);
        Assert.Equal(0, all.DifferentIds);
        Assert.Equal(0, all.Unexpected);
        Assert.Equal(0L, pending);
        Assert.True(_clock.Elapsed < WholeTest, $"took {_clock.Elapsed}");
    }

    /// <summary>The cookie of a sign-in on A opens B: a read and a write on B with A's cookie; no cookie → 401 on B.</summary>
    private async Task SignInOnA_IsValidOnB(Nodes nodes, Session drafter, Guid id)
    {
        using var nobody = nodes.Client(new CookieContainer());
        using (var anonymous = await nobody.On(nodes.B).GetAsync($"/api/declarations/{id}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using (var read = await drafter.On(nodes.B).GetAsync($"/api/declarations/{id}"))
        {
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"A's cookie on B answered {(int)read.StatusCode}\n{nodes.B.Tail()}");
        }
        var created = await CreateAsync(drafter.On(nodes.B));
        using var back = await drafter.On(nodes.A).GetAsync($"/api/declarations/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Log("sign-in on A valid on B");
    }

    /// <summary>The 纳入汇总 link of A's mail, opened and confirmed on B (the path behind the proxy's address).</summary>
    private async Task LinkMailedByA_WorksOnB(Nodes nodes, Session drafter, Guid id, string link)
    {
        var path = new Uri(link).PathAndQuery;
        using var reader = nodes.Client(new CookieContainer());
        using var page = await reader.On(nodes.B).GetAsync(path);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"the link on B answered {(int)page.StatusCode}: {html[..Math.Min(400, html.Length)]}");
        Assert.Contains("纳入汇总", html, StringComparison.Ordinal);
        var antiforgery = AntiforgeryField().Match(html).Groups[1].Value;
        using var confirm = await reader.On(nodes.B).PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["Comment"] = "",
        }));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("已办理", WebUtility.HtmlDecode(await confirm.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var declaration = (await drafter.On(nodes.A).GetFromJsonAsync<JsonObject>($"/api/declarations/{id}"))!;
        Assert.Equal("Consolidated", declaration["stage"]!.GetValue<string>());
        Log("link mailed by A worked on B");
    }

    /// <summary>Drafts created and submitted alternately on A and B, each submit with its own Idempotency-Key.</summary>
    private async Task<List<Created>> BurstOverBothNodesAsync(Nodes nodes, Session drafter, int count, string name)
    {
        var created = await CreateOnBothAsync(nodes, drafter, count);
        var started = _clock.Elapsed;
        var submits = created.Select((d, i) => ActAsync(drafter.On(nodes.Alternate(i)), d.Id, "submit", $"{name}-{d.Id:N}"));
        await Task.WhenAll(submits);
        Figure($"{name} burst: {count} submits alternating over A and B, all 2xx, in {(_clock.Elapsed - started).TotalSeconds:0.0} s");
        return created;
    }

    private static async Task AssertEachSubmitOnceAsync(Nodes nodes, Session drafter, List<Created> declarations)
    {
        for (var i = 0; i < declarations.Count; i++)
        {
            // Read from the node that did not take the submit.
            var history = (await drafter.On(nodes.Alternate(i + 1)).GetFromJsonAsync<JsonArray>($"/api/declarations/{declarations[i].Id}/history"))!;
            Assert.Single(history, h => h!["action"]!.GetValue<string>() == "submit");
        }
    }

    /// <summary>
    /// The office review tasks of <paramref name="declarations"/> made overdue, then the reminder sweep (Hangfire's
    /// recurring job, both nodes running a Hangfire server on the same storage) triggered on A and on B at the same
    /// moment through the dashboard, until both servers have run it: one overdue reminder and one escalation per task.
    /// </summary>
    private async Task<List<MailKey>> BothNodesSweepAtOnceAsync(Nodes nodes, TestDatabase database, SmtpTestServer smtp, List<Created> declarations)
    {
        var ids = declarations.Select(d => (Guid?)d.Id).ToList();
        var dueAt = ChinaTime.At(ChinaTime.Today(TimeProvider.System).AddDays(-14), new TimeOnly(18, 0));
        await using (var db = database.NewContext())
        {
            var moved = await db.Tasks.Where(t => ids.Contains(t.DeclarationId) && t.Kind == TaskKind.OfficeReview && t.CompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, dueAt));
            Assert.Equal(ids.Count, moved);
            await db.Declarations.Where(d => ids.Contains((Guid?)d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.DueAt, dueAt));
        }

        using var admin = nodes.Client(new CookieContainer());
        await LoginAsync(admin.On(nodes.A), "admin");
        // Hangfire's antiforgery token from A's dashboard, used on B as well: one key ring.
        var page = await admin.On(nodes.A).GetStringAsync("/hangfire/recurring");
        var token = Regex.Match(page, "(?:data-csrf-token=\"|name=\"csrf-token\" content=\")([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        var since = await database.ScalarAsync<long>("SELECT coalesce(max(id), 0) FROM hangfire.job");
        List<SweepRun> runs = [];
        for (var round = 1; round <= 5; round++)
        {
            var triggers = Enumerable.Range(0, 6).Select(i => TriggerSweepAsync(admin.On(nodes.Alternate(i)), token));
            await Task.WhenAll(triggers);
            runs = await WaitForSweepsAsync(database, since, expected: 6 * round);
            if (runs.Select(r => r.Server).Distinct().Count() >= 2)
            {
                break;
            }
        }
        var servers = runs.Select(r => r.Server).Distinct().ToList();
        Assert.True(servers.Count >= 2, $"the sweep ran only on {string.Join(", ", servers)}");

        var expected = declarations.SelectMany(d =>
            Office.Select(o => new MailKey("【已逾期】", o, d.Id)).Concat(Escalated.Select(e => new MailKey("【逾期督办】", e, d.Id)))).ToList();
        await WaitForMailsAsync(smtp, expected, TimeSpan.FromSeconds(60), "reminders");
        await using (var db = database.NewContext())
        {
            var taskIds = await db.Tasks.Where(t => ids.Contains(t.DeclarationId) && t.Kind == TaskKind.OfficeReview).Select(t => t.Id).ToListAsync();
            var rows = await db.TaskReminders.Where(r => taskIds.Contains(r.TaskId)).GroupBy(r => new { r.TaskId, r.Kind }).Select(g => g.Count()).ToListAsync();
            Assert.Equal(2 * taskIds.Count, rows.Count);
            Assert.All(rows, n => Assert.Equal(1, n));
        }
        var overlapping = runs.Any(r => runs.Any(o => o.Server != r.Server && o.Started < r.Ended && r.Started < o.Ended));
        Figure($"reminders: {declarations.Count} overdue tasks; {runs.Count} sweeps ran ({string.Join(", ", servers.Select(s => $"{runs.Count(r => r.Server == s)} on {s}"))}), " +
            $"overlapping across nodes: {overlapping}; reminders recorded by them {runs.Sum(r => r.Recorded)} (expected {2 * declarations.Count}); " +
            $"reminder mails expected {expected.Count}");
        Assert.Equal(2 * declarations.Count, runs.Sum(r => r.Recorded));
        return expected;
    }

    private static async Task TriggerSweepAsync(HttpClient admin, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent([new("jobs[]", PerfWorkflow.Api.Hosting.RecurringJobsRegistration.ReminderSweepId)]),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        using var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"trigger answered {(int)response.StatusCode}");
    }

    /// <summary>The reminder sweeps Hangfire ran after job <paramref name="since"/>: server, start, end, reminders recorded.</summary>
    private static async Task<List<SweepRun>> WaitForSweepsAsync(TestDatabase database, long since, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var runs = await SweepRunsAsync(database, since);
            if (runs.Count >= expected)
            {
                return runs;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{runs.Count} of {expected} triggered sweeps succeeded within 30 s");
            await Task.Delay(200);
        }
    }

    private static async Task<List<SweepRun>> SweepRunsAsync(TestDatabase database, long since)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT j.id, s.name, s.data::text
            FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id
            WHERE j.id > @since AND j.invocationdata::text LIKE '%ReminderSweepJob%' AND s.name IN ('Processing', 'Succeeded')
            ORDER BY s.id
            """, connection);
        command.Parameters.AddWithValue("since", since);
        var processing = new Dictionary<long, (string Server, DateTime Started)>();
        var runs = new List<SweepRun>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var job = reader.GetInt64(0);
            var data = JsonNode.Parse(reader.GetString(2))!;
            if (reader.GetString(1) == "Processing")
            {
                processing[job] = (data["ServerId"]!.GetValue<string>(), Time(data["StartedAt"]));
            }
            else if (processing.TryGetValue(job, out var run))
            {
                var recorded = int.Parse(data["Result"]?.GetValue<string>() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                runs.Add(new SweepRun(NodeOf(run.Server), run.Started, Time(data["SucceededAt"]), recorded));
            }
        }
        return runs;

        // Compatibility level 1.8 writes Unix milliseconds; older data an ISO 8601 string.
        static DateTime Time(JsonNode? value) =>
            long.TryParse(value!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var ms)
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime
                : DateTime.Parse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);

        // ServerName is "{machine}:{pid}" (JobsExtensions); Hangfire appends a guid of its own.
        static string NodeOf(string serverId) => string.Join(':', serverId.Split(':').Take(2));
    }

    /// <summary>A 3 MB PDF uploaded through A, listed and downloaded through B byte for byte.</summary>
    private async Task AttachmentFromA_DownloadsFromB(Nodes nodes, Session drafter)
    {
        var draft = await CreateAsync(drafter.On(nodes.A));
        var pdf = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(pdf);
        "%PDF-1.7\n"u8.CopyTo(pdf);
        "\n%%EOF\n"u8.CopyTo(pdf.AsSpan(pdf.Length - 7));
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "files", "采购报价单.pdf");
        using (var upload = await drafter.On(nodes.A).PostAsync($"/api/declarations/{draft.Id}/attachments", form))
        {
            Assert.True(upload.IsSuccessStatusCode, $"upload on A answered {(int)upload.StatusCode}: {await upload.Content.ReadAsStringAsync()}");
        }
        var list = JsonDocument.Parse(await drafter.On(nodes.B).GetStringAsync($"/api/declarations/{draft.Id}/attachments")).RootElement.EnumerateArray().ToArray();
        var item = Assert.Single(list);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), item.GetProperty("sha256").GetString());
        using var download = await drafter.On(nodes.B).GetAsync($"/api/declarations/{draft.Id}/attachments/{item.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Log("attachment from A downloaded byte-identical from B");
    }

    /// <summary>
    /// A burst alternating over A and B while each SMTP exchange takes a while; A is killed with SIGKILL while mails are
    /// being sent (claims held), its share of the remaining submits goes to B as a proxy would send it, and B delivers
    /// everything: the claims of the dead node lapse and are taken over, nothing stays Pending, in bounded time.
    /// </summary>
    private async Task<List<Created>> KillAMidBurstAsync(Nodes nodes, TestDatabase database, SmtpTestServer smtp, Session drafter)
    {
        var declarations = await CreateOnBothAsync(nodes, drafter, SecondBurst);
        var expected = declarations.SelectMany(d => Office.Select(o => new MailKey("【待审核】", o, d.Id))).ToList();
        smtp.AcceptDelay = TimeSpan.FromMilliseconds(150);
        var answered = 0;
        long heldAtKill = 0;
        var kill = Task.Run(async () =>
        {
            while (Volatile.Read(ref answered) < 5)
            {
                await Task.Delay(20);
            }
            // Kill while claims are held: mails of the burst are being sent (by A, B or both).
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            while (DateTime.UtcNow < deadline && await HeldClaimsAsync(database) == 0)
            {
                await Task.Delay(20);
            }
            var held = heldAtKill = await HeldClaimsAsync(database);
            var pendingNow = await database.ScalarAsync<long>("SELECT count(*) FROM mail_deliveries WHERE \"Status\" = 'Pending'");
            var outbox = await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages");
            await nodes.KillAsync(nodes.A);
            Figure($"kill -9 of node A after {Volatile.Read(ref answered)} of {SecondBurst} submits answered: claims held {held}, Pending rows {pendingNow}, outbox rows {outbox}, {smtp.Messages.Count} mails received so far");
        });

        var started = _clock.Elapsed;
        for (var i = 0; i < declarations.Count; i++)
        {
            await nodes.SubmitAsync(drafter, i, declarations[i].Id, $"kill-{declarations[i].Id:N}");
            Interlocked.Increment(ref answered);
            await Task.Delay(60);
        }
        await kill;
        var killedAt = _clock.Elapsed;
        Log("second burst answered");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && (Count([.. smtp.Messages], expected).Missing.Count > 0 || await LeftoverAsync(database) > 0))
        {
            await Task.Delay(200);
        }
        var done = _clock.Elapsed;
        smtp.AcceptDelay = TimeSpan.Zero;
        var counted = Count([.. smtp.Messages], expected);
        var taken = await database.ScalarAsync<long>("SELECT count(*) FROM mail_deliveries WHERE \"Attempts\" > 1");
        var pending = await database.ScalarAsync<long>("SELECT count(*) FROM mail_deliveries WHERE \"Status\" = 'Pending'");
        Figure($"kill burst: {SecondBurst} submits answered 2xx, mails expected {expected.Count}, delivered {expected.Count - counted.Missing.Count}, " +
            $"duplicated {counted.Repeated} (under another Message-ID: {counted.DifferentIds}), claims taken over (rows with attempts > 1) {taken}, " +
            $"Pending rows left {pending}; burst {(killedAt - started).TotalSeconds:0.0} s, B finished {(done - killedAt).TotalSeconds:0.0} s after the burst");
        Assert.True(heldAtKill > 0, "the kill did not land while mails were being sent");
        Assert.True(counted.Missing.Count == 0, $"{counted.Missing.Count} mails never arrived after the kill\n{nodes.B.Tail()}");
        Assert.Equal(0, counted.DifferentIds);
        Assert.Equal(0L, await LeftoverAsync(database));
        Assert.True(nodes.A.Kills == 1);

        for (var i = 0; i < declarations.Count; i++)
        {
            var history = (await drafter.On(nodes.B).GetFromJsonAsync<JsonArray>($"/api/declarations/{declarations[i].Id}/history"))!;
            Assert.Single(history, h => h!["action"]!.GetValue<string>() == "submit");
        }
        return declarations;
    }

    /// <summary>Drafts created alternately on A and B, a few at a time.</summary>
    private static async Task<List<Created>> CreateOnBothAsync(Nodes nodes, Session drafter, int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(i => CreateAsync(drafter.On(nodes.Alternate(i)))))];

    private static Task<long> HeldClaimsAsync(TestDatabase database) =>
        database.ScalarAsync<long>("SELECT count(*) FROM mail_deliveries WHERE \"Status\" = 'Pending' AND \"LeaseUntil\" > now()");

    private static async Task<long> LeftoverAsync(TestDatabase database) =>
        await database.ScalarAsync<long>("SELECT count(*) FROM mail_deliveries WHERE \"Status\" = 'Pending'")
        + await database.ScalarAsync<long>("SELECT count(*) FROM outbox_messages");

    /// <summary>The first matching mail; on a timeout the node's last log lines say why.</summary>
    private async Task<MimeMessage> WaitForAsync(SmtpTestServer smtp, Func<MimeMessage, bool> match, ChildApp node)
    {
        var started = _clock.Elapsed;
        try
        {
            var mail = await smtp.WaitForAsync(match, TimeSpan.FromSeconds(60));
            Log($"mail arrived after {(_clock.Elapsed - started).TotalSeconds:0.0} s");
            return mail;
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{node.Tail()}", ex);
        }
    }

    private async Task WaitForMailsAsync(SmtpTestServer smtp, List<MailKey> expected, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Count([.. smtp.Messages], expected).Missing is { Count: > 0 } missing)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what}: {missing.Count} of {expected.Count} mails did not arrive within {timeout}, e.g. {missing[0]}");
            await Task.Delay(100);
        }
        Log($"{what}: {expected.Count} mails arrived");
    }

    /// <summary>Which expected mails are missing, how many arrived more than once, and how many of those under another Message-ID.</summary>
    private static Tally Count(List<MimeMessage> received, List<MailKey> expected)
    {
        var arrived = received
            .SelectMany(m => m.To.Mailboxes.Select(to => (Key: KeyOf(m, to.Address), m.MessageId)))
            .Where(x => x.Key is not null)
            .GroupBy(x => x.Key!.Value)
            .ToDictionary(g => g.Key, g => g.Select(x => x.MessageId).ToList());
        var wanted = expected.ToHashSet();
        return new Tally(
            [.. expected.Where(e => !arrived.ContainsKey(e))],
            arrived.Values.Sum(ids => ids.Count - 1),
            arrived.Values.Count(ids => ids.Distinct().Count() > 1),
            arrived.Keys.Count(k => !wanted.Contains(k)));
    }

    private static readonly string[] Kinds = ["【待审核】", "【已纳入汇总】", "【已逾期】", "【逾期督办】"];

    /// <summary>(kind, recipient, declaration) of a mail of a kind this test counts; the declaration's id is in every link of the mail.</summary>
    private static MailKey? KeyOf(MimeMessage mail, string to)
    {
        var kind = Kinds.FirstOrDefault(k => mail.Subject?.StartsWith(k, StringComparison.Ordinal) == true);
        if (kind is null)
        {
            return null;
        }
        var id = DeclarationId().Match(mail.TextBody ?? mail.HtmlBody ?? "");
        return id.Success ? new MailKey(kind, to, Guid.Parse(id.Groups[1].Value)) : new MailKey(kind, to, Guid.Empty);
    }

    private static bool IsMail(MimeMessage mail, string kind, string to, Guid declaration) =>
        KeyOf(mail, to) == new MailKey(kind, to, declaration) && mail.To.Mailboxes.Any(m => m.Address == to);

    /// <summary>
    /// The calendar both nodes load: this year confirmed without holidays, today a working day (a make-up day when it is a
    /// weekend), so the reminder sweep works whatever day the suite runs.
    /// </summary>
    private static string WorkingTodayCalendar()
    {
        var today = ChinaTime.Today(TimeProvider.System);
        var folder = Path.Combine(Path.GetTempPath(), $"pw-two-nodes-calendar-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var workdays = today.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            ? $"{{\"date\": \"{today:yyyy-MM-dd}\", \"for\": \"测试\"}}"
            : "";
        File.WriteAllText(Path.Combine(folder, $"{today.Year}.json"),
            $"{{\"year\": {today.Year}, \"source\": \"test calendar of TwoFullNodesTests\", \"holidays\": [], \"workdays\": [{workdays}]}}");
        return folder;
    }

    private static async Task SeedAsync(TestDatabase database)
    {
        var services = new ServiceCollection()
            .AddScoped(_ => database.NewContext())
            .AddSingleton<IPasswordHasher<AppUser>, PasswordHasher<AppUser>>()
            .BuildServiceProvider();
        await using (services)
        {
            await TestOrganisation.SeedAsync(services);
            await TestOrganisation.AddCycleAsync(services, Cycle, ChinaTime.Today(TimeProvider.System).AddDays(90));
        }
    }

    private static async Task LoginAsync(HttpClient client, string userName)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = TestOrganisation.Password });
        Assert.True(response.IsSuccessStatusCode, $"login of {userName} answered {(int)response.StatusCode}");
    }

    private static async Task<Created> CreateAsync(HttpClient drafter)
    {
        var body = JsonSerializer.SerializeToNode(RouteFixture.ValidForm(), DeclarationJson.Options)!.AsObject();
        body["cycleYear"] = Cycle;
        using var response = await drafter.PostAsJsonAsync("/api/declarations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new Created(created["id"]!.GetValue<Guid>(), created["name"]!.GetValue<string>());
    }

    private static async Task ActAsync(HttpClient client, Guid id, string action, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/declarations/{id}/actions/{action}") { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private void Figure(string line)
    {
        _figures.Add(line);
        Log(line);
    }

    private void Log(string line)
    {
        lock (_progress)
        {
            _progress.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} +{_clock.Elapsed.TotalSeconds:0.0}s {line}");
            _progress.Flush();
        }
    }

    private static StreamWriter Progress(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "artifacts");
        Directory.CreateDirectory(folder);
        return new StreamWriter(Path.Combine(folder, name), append: true);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("/declarations/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})")]
    private static partial Regex DeclarationId();

    private sealed record Created(Guid Id, string Name);

    private readonly record struct MailKey(string Kind, string To, Guid Declaration);

    private sealed record Tally(List<MailKey> Missing, int Repeated, int DifferentIds, int Unexpected);

    private sealed record SweepRun(string Server, DateTime Started, DateTime Ended, int Recorded);

    /// <summary>
    /// The two nodes and what a reverse proxy without sticky sessions does with them: any request to any live node; a
    /// node that is down (killed, or refusing connections) gets nothing and the request goes to the other.
    /// </summary>
    private sealed class Nodes(ChildApp a, ChildApp b)
    {
        private volatile ChildApp? _dead;

        public ChildApp A => a;

        public ChildApp B => b;

        public ChildApp Alternate(int i) => i % 2 == 0 ? a : b;

        public Session Client(CookieContainer cookies) => new(this, cookies);

        public async Task KillAsync(ChildApp node)
        {
            _dead = node;
            await node.KillAsync();
        }

        /// <summary>Submits on the node whose turn it is, or on the other one when that is down; one Idempotency-Key throughout.</summary>
        public async Task SubmitAsync(Session session, int turn, Guid id, string key)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            var node = Alternate(turn);
            while (true)
            {
                if (node == _dead)
                {
                    node = node == a ? b : a;
                }
                try
                {
                    await ActAsync(session.On(node), id, "submit", key);
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && DateTime.UtcNow < deadline)
                {
                    // The node died under the request: the proxy sends it to the other one, the same key makes it safe.
                    node = node == a ? b : a;
                    await Task.Delay(100);
                }
            }
        }
    }

    /// <summary>One browser: one cookie jar, a connection to each node.</summary>
    private sealed class Session(Nodes nodes, CookieContainer cookies) : IDisposable
    {
        private readonly HttpClient _a = Connect(nodes.A, cookies);
        private readonly HttpClient _b = Connect(nodes.B, cookies);

        public HttpClient On(ChildApp node) => node == nodes.A ? _a : _b;

        private static HttpClient Connect(ChildApp node, CookieContainer cookies) =>
            new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
            {
                BaseAddress = node.BaseAddress,
                Timeout = TimeSpan.FromSeconds(20),
            };

        public void Dispose()
        {
            _a.Dispose();
            _b.Dispose();
        }
    }
}
