using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.RouteLoad;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

// Usage (servers from infra/services.sh):  eval "$(infra/services.sh env)"
//   dotnet run -c Release --project tests/PerfWorkflow.RouteLoad -- [seconds-per-step=10]
//   … -- mail                        submit → email latency through RabbitMQ and SMTP
//   … -- dashboard [seconds=20]      overdue query and /dashboard at 100 000 declarations, RSS under load on top of them
// Each client owns one declaration and alternates submit / withdraw over HTTP (real Kestrel socket, production
// profile). The same PostgreSQL then runs pgbench with the same statements as those two actions (Pgbench.cs).
// `--json FILE` (route mode) also writes the steps as {"steps":[{clients, actionsPerSecond, p50Ms, p95Ms, pgbenchTps, ratio, …}]}.
var jsonAt = Array.IndexOf(args, "--json");
var jsonFile = jsonAt >= 0 && jsonAt + 1 < args.Length ? args[jsonAt + 1] : null;
args = jsonAt >= 0 ? args.Where((_, i) => i != jsonAt && i != jsonAt + 1).ToArray() : args;
var mailMode = args.Length > 0 && args[0] == "mail";
var dashboardMode = args.Length > 0 && args[0] == "dashboard";
var historyMode = args.Length > 0 && args[0] == "history";
var seconds = dashboardMode ? (args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20)
    : args.Length > 0 && !mailMode && !historyMode ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var admin = Environment.GetEnvironmentVariable("PW_TEST_POSTGRES") ?? throw new InvalidOperationException("PW_TEST_POSTGRES is not set");
var rabbit = new Uri(Environment.GetEnvironmentVariable("PW_TEST_RABBITMQ") ?? throw new InvalidOperationException("PW_TEST_RABBITMQ is not set"));
var database = $"pw_load_{Guid.NewGuid():N}";
await Sql(admin, $"CREATE DATABASE \"{database}\"");
var connection = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
try
{
    // Every mode mails into a loopback SMTP server, so mail consumers cost what they cost, not failures and retries.
    var smtpPort = MailLatency.FreePort();
    var sink = MailLatency.StartSink(smtpPort);
    Environment.SetEnvironmentVariable("PW_LOAD_SMTP_PORT", smtpPort.ToString(CultureInfo.InvariantCulture));
    using var stopSink = sink.Stop;
    await using var app = new LoadApp(connection, rabbit);
    app.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    app.StartServer();
    var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    if (mailMode)
    {
        // 200 submits, one declaration each, 20 per second; each mails the office once.
        var owned = await SeedDeclarationsAsync(app.Services, 200);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var (p50, p95, missing) = await MailLatency.RunAsync(baseAddress, owned, sink.Arrivals, TimeSpan.FromMilliseconds(50));
        Console.WriteLine($"submit → email in the SMTP server over 200 submits through RabbitMQ: p50 {p50:F0} ms, p95 {p95:F0} ms, missing {missing}");
        return;
    }
    var drafters = await SeedAsync(app.Services, 16);
    if (dashboardMode)
    {
        await RunDashboardAsync(app.Services, connection, baseAddress, drafters, seconds);
        return;
    }

    if (historyMode)
    {
        await AddOfficeAsync(app.Services);
        await History.RunAsync(app.Services, baseAddress, drafters[0]);
        return;
    }

    // Warm-up on declarations of other 科室 (w0…w15) that the steps do not measure: JIT, pools and caches as in a running app.
    var warmUp = await SeedAsync(app.Services, 16, "warm", "w", addCycle: false);
    var warmUpSeconds = int.Parse(Environment.GetEnvironmentVariable("PW_LOAD_WARMUP_SECONDS") ?? "36", CultureInfo.InvariantCulture);
    foreach (var clients in new[] { 1, 4, 16 })
    {
        await RunHttpAsync(baseAddress, warmUp.Take(clients).ToList(), TimeSpan.FromSeconds(warmUpSeconds / 3.0));
    }
    // Tiered compilation goes on long after the first calls (tier-1 and PGO rejits on a background thread, a quarter of
    // the app's CPU a minute after start in the first profile): go on warming up until a 5 s round compiles almost nothing.
    for (var round = 0; round < 12; round++)
    {
        var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        await RunHttpAsync(baseAddress, warmUp.Take(4).ToList(), TimeSpan.FromSeconds(5));
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
        if (compiled < 20)
        {
            break;
        }
        Console.WriteLine($"warm-up: {compiled} methods compiled in a 5 s round, going on");
    }
    await DrainOutboxAsync(connection, TimeSpan.FromSeconds(30));
    var prepared = AppPrepares(app.Services);
    var cpu = await ProcessCpu.FindAsync(connection);
    Console.WriteLine($"route actions over HTTP{(LoadApp.RequestPathOnly ? " (request path only: no outbox dispatcher)" : "")}, {seconds}s per step after {warmUpSeconds}s of warm-up, PostgreSQL {new NpgsqlConnectionStringBuilder(admin).Port}, "
        + $"pgbench -M {(prepared ? "prepared" : "simple")}, load average {LoadAverage()}");
    await PreparePgbenchAsync(baseAddress, connection, drafters[0]);
    Console.WriteLine("clients  actions/s   p50 ms   p95 ms   pgbench tps   ratio   CPU ms per action: app  PostgreSQL  RabbitMQ   JIT methods (ms)");
    var steps = new List<StepResult>();
    foreach (var clients in new[] { 1, 4, 16 })
    {
        var before = cpu.Sample();
        var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTimeBefore = System.Runtime.JitInfo.GetCompilationTime();
        var (rate, p50, p95, count) = await RunHttpAsync(baseAddress, drafters.Take(clients).ToList(), TimeSpan.FromSeconds(seconds));
        // Background work (outbox dispatch, mail consumers) is part of an action's cost: wait for the outbox to empty.
        await DrainOutboxAsync(connection, TimeSpan.FromSeconds(30));
        var used = cpu.Sample() - before;
        var jitted = System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore;
        var jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jitTimeBefore).TotalMilliseconds;
        var tps = await Pgbench.RunAsync(connection, clients, seconds, prepared);
        var step = new StepResult(clients, Math.Round(rate, 1), Math.Round(p50, 2), Math.Round(p95, 2), Math.Round(tps, 1), Math.Round(rate / tps, 3),
            PerAction(used.App, count), used.Postgres is { } pg ? PerAction(pg, count) : null, used.RabbitMq is { } mq ? PerAction(mq, count) : null,
            LoadAverage(), jitted, Math.Round(jitMs, 1));
        steps.Add(step);
        Console.WriteLine($"{clients,7}  {rate,9:F0}  {p50,7:F1}  {p95,7:F1}  {tps,12:F0}  {rate / tps,6:P0}   {step.AppCpuMsPerAction,21:F2}  {step.PostgresCpuMsPerAction,10:F2}  {step.RabbitMqCpuMsPerAction,8:F2}   {jitted,6} ({jitMs:F0})");
    }
    Console.WriteLine("CPU of the app includes the 16 load clients (same process); per action = CPU over the step and the outbox drain / actions.");
    if (jsonFile is not null)
    {
        await File.WriteAllTextAsync(jsonFile, JsonSerializer.Serialize(new { steps }, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        Console.WriteLine($"wrote {jsonFile}");
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    // PW_LOAD_KEEP_DATABASE=1 leaves the seeded database for EXPLAIN ANALYZE by hand.
    if (Environment.GetEnvironmentVariable("PW_LOAD_KEEP_DATABASE") == "1")
    {
        Console.WriteLine($"kept database {database}");
    }
    else
    {
        await Sql(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
    }
}

static double PerAction(TimeSpan cpu, int actions) => Math.Round(cpu.TotalMilliseconds / Math.Max(actions, 1), 2);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

// True when the app's connection string prepares statements automatically: pgbench then runs -M prepared, a fair ceiling.
static bool AppPrepares(IServiceProvider services)
{
    using var scope = services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
    return new NpgsqlConnectionStringBuilder(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database)).MaxAutoPrepare > 0;
}

static async Task DrainOutboxAsync(string connection, TimeSpan limit)
{
    if (LoadApp.RequestPathOnly)
    {
        return;
    }
    var until = DateTime.UtcNow + limit;
    await using var db = new NpgsqlConnection(connection);
    await db.OpenAsync();
    await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_messages", db);
    while ((long)(await count.ExecuteScalarAsync())! > 0 && DateTime.UtcNow < until)
    {
        await Task.Delay(50);
    }
}

static async Task<(double Rate, double P50, double P95, int Count)> RunHttpAsync(Uri baseAddress, IReadOnlyList<string> users, TimeSpan duration)
{
    var latencies = new List<double>();
    // Sign-ins (a password hash each) and the first read happen before the clock starts: they are not route actions.
    var signedIn = await Task.WhenAll(users.Select(async user =>
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "Load#2024" })).EnsureSuccessStatusCode();
        var list = await client.GetFromJsonAsync<JsonArray>("/api/declarations");
        return (Client: client, Declaration: list![0]!);
    }));
    var stop = DateTime.UtcNow + duration;
    var workers = signedIn.Select(async signed =>
    {
        using var client = signed.Client;
        var id = signed.Declaration["id"]!.GetValue<Guid>();
        var mine = new List<double>();
        var action = signed.Declaration["stage"]!.GetValue<string>() == "Draft" ? "submit" : "withdraw";
        while (DateTime.UtcNow < stop)
        {
            // A fresh Idempotency-Key on every action, as the API documentation asks of clients.
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/declarations/{id}/actions/{action}") { Content = JsonContent.Create(new { }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var watch = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
            mine.Add(watch.Elapsed.TotalMilliseconds);
            action = action == "submit" ? "withdraw" : "submit";
        }
        return mine;
    }).ToList();
    foreach (var result in await Task.WhenAll(workers))
    {
        latencies.AddRange(result);
    }
    latencies.Sort();
    return (latencies.Count / duration.TotalSeconds, latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.95)], latencies.Count);
}

// The app's own payloads for pgbench: a declaration's answer JSON as its drafter reads it, and the two outbox messages of a submit.
static async Task PreparePgbenchAsync(Uri baseAddress, string connection, string drafter)
{
    using var client = await DashboardLoad.SignInAsync(baseAddress, drafter);
    var list = await client.GetFromJsonAsync<JsonArray>("/api/declarations");
    var id = list![0]!["id"]!.GetValue<Guid>();
    var answer = await client.GetStringAsync(new Uri($"/api/declarations/{id}", UriKind.Relative));
    var now = DateTimeOffset.UtcNow;
    var submitted = Outbox.NewRow(new PerfWorkflow.Workflows.Contracts.DeclarationSubmitted(Guid.NewGuid(), id, 4, 2, Guid.NewGuid(), now), now).Payload;
    await Pgbench.PrepareAsync(connection, answer, submitted);
}

static async Task<List<string>> SeedAsync(IServiceProvider services, int count, string userPrefix = "load", string sectionPrefix = "s", bool addCycle = true)
{
    using var scope = services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
    var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>();
    var workflow = scope.ServiceProvider.GetRequiredService<DeclarationWorkflow>();
    if (addCycle)
    {
        db.BudgetCycles.Add(new BudgetCycle { Year = 2024, Name = "load", FinanceDueDate = new DateOnly(2026, 12, 30) });
    }
    var names = new List<string>();
    var users = new List<AppUser>();
    for (var i = 0; i < count; i++)
    {
        db.Sections.Add(new Section { Id = $"{sectionPrefix}{i}", Name = sectionPrefix == "s" ? $"科室{i}" : $"科室{sectionPrefix}{i}" });
        var user = new AppUser { Id = Guid.NewGuid(), UserName = $"{userPrefix}{i}", DisplayName = $"压测{i}", Role = UserRole.SectionDrafter, SectionId = $"{sectionPrefix}{i}" };
        user.PasswordHash = hasher.HashPassword(user, "Load#2024");
        db.Users.Add(user);
        users.Add(user);
        names.Add(user.UserName);
    }
    await db.SaveChangesAsync();
    var forms = new DeclarationGenerator(new DeclarationRulesOptions()).Generate(7, count, 0).ToList();
    for (var i = 0; i < count; i++)
    {
        await workflow.CreateAsync(Actor.From(users[i]), 2024, forms[i].Form, CancellationToken.None);
    }
    return names;
}

static async Task AddOfficeAsync(IServiceProvider services)
{
    using var scope = services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
    var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<AppUser>>();
    var office = new AppUser { Id = Guid.NewGuid(), UserName = "office", DisplayName = "办公室", Email = "office@load.cn", Role = UserRole.Office, SectionId = null };
    office.PasswordHash = hasher.HashPassword(office, "Load#2024");
    db.Users.Add(office);
    await db.SaveChangesAsync();
}

static async Task RunDashboardAsync(IServiceProvider services, string connection, Uri baseAddress, List<string> drafters, int seconds)
{
    const int Count = 100_000;
    await AddOfficeAsync(services);
    var seeding = Stopwatch.StartNew();
    await DashboardLoad.SeedAsync(connection, 2024, Count, DateTimeOffset.UtcNow);
    Console.WriteLine($"seeded {Count} declarations with their tasks in {seeding.Elapsed.TotalSeconds:F0} s; RSS {DashboardLoad.Status("VmRSS:") / 1024} MB");
    foreach (var (label, filter, order, descending) in new[]
    {
        ("overdue, cycle 2024, most overdue first", new DeadlineFilter(2024), OverdueOrder.Overdue, true),
        ("overdue, one 科室, most overdue first", new DeadlineFilter(2024, "b07"), OverdueOrder.Overdue, true),
        ("open (not only overdue), one 科室, most overdue first", new DeadlineFilter(2024, "b13", OverdueOnly: false), OverdueOrder.Overdue, true),
        ("overdue, cycle 2024, by 项目名称", new DeadlineFilter(2024), OverdueOrder.Name, false),
        ("overdue, cycle 2024, by holder", new DeadlineFilter(2024), OverdueOrder.Holder, false),
        ("open, cycle 2024, by 科室", new DeadlineFilter(2024, OverdueOnly: false), OverdueOrder.Section, false),
    })
    {
        await DashboardLoad.MeasureQueryAsync(services, filter, order, descending, 20);
        var (p50, p95, listed) = await DashboardLoad.MeasureQueryAsync(services, filter, order, descending, 300);
        Console.WriteLine($"overdue list ({label}): count + page of 100, 300 calls: p50 {p50:F1} ms, p95 {p95:F1} ms, {listed} rows listed");
    }
    await DashboardLoad.MeasurePageAsync(baseAddress, 2024, 10);
    var page = await DashboardLoad.MeasurePageAsync(baseAddress, 2024, 300);
    Console.WriteLine($"GET /dashboard as the office (5 views: filters, sorts), 300 requests: p50 {page.P50:F1} ms, p95 {page.P95:F1} ms, largest page {page.Bytes / 1024} KB");

    using var stop = new CancellationTokenSource();
    var sampler = DashboardLoad.SampleRssAsync(stop.Token);
    var office = DashboardLoad.MeasurePageAsync(baseAddress, 2024, 0, TimeSpan.FromSeconds(seconds));
    var (rate, actionP50, actionP95, _) = await RunHttpAsync(baseAddress, drafters, TimeSpan.FromSeconds(seconds));
    var underLoad = await office;
    await stop.CancelAsync();
    var (peak, hwm) = await sampler;
    Console.WriteLine($"under load for {seconds} s: 16 clients {rate:F0} actions/s (p50 {actionP50:F1} ms, p95 {actionP95:F1} ms) and one office "
        + $"refreshing /dashboard (p50 {underLoad.P50:F1} ms, p95 {underLoad.P95:F1} ms)");
    Console.WriteLine($"process RSS (app and load clients, server GC): peak sampled {peak / 1024} MB, VmHWM {hwm / 1024} MB");
}

static async Task<List<(string User, Guid Id, string Name)>> SeedDeclarationsAsync(IServiceProvider services, int count)
{
    var users = await SeedAsync(services, 16);
    await AddOfficeAsync(services);
    using var scope = services.CreateScope();
    var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
    var workflow = scope.ServiceProvider.GetRequiredService<DeclarationWorkflow>();
    var owners = db.Users.Where(u => u.Role == UserRole.SectionDrafter).ToList().OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
    var result = new List<(string, Guid, string)>();
    var forms = new DeclarationGenerator(new DeclarationRulesOptions()).Generate(11, count, 0).ToList();
    for (var i = 0; i < count; i++)
    {
        var owner = owners[i % owners.Count];
        var form = forms[i].Form;
        form.Name = $"压测项目{i:D3}";
        var outcome = await workflow.CreateAsync(Actor.From(owner), 2024, form, CancellationToken.None);
        var created = ((ActionOutcome.Done)outcome).Declaration!;
        result.Add((owner.UserName, created.Id, form.Name));
    }
    _ = users;
    return result;
}

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

internal sealed record StepResult(
    int Clients, double ActionsPerSecond, double P50Ms, double P95Ms, double PgbenchTps, double Ratio,
    double AppCpuMsPerAction, double? PostgresCpuMsPerAction, double? RabbitMqCpuMsPerAction, string LoadAverage,
    long JitMethodsCompiled, double JitMs);

internal sealed class LoadApp(string connectionString, Uri rabbit) : WebApplicationFactory<PerfWorkflow.Api.Hosting.HostingOptions>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSolutionRelativeContentRoot("src/Api", AppContext.BaseDirectory, "PerfWorkflow.sln");
        builder.UseSetting("Profile", "Production");
        builder.UseSetting("ConnectionStrings:Main", connectionString);
        builder.UseSetting("Database:MigrateOnStart", "true");
        // The mail step measures submit → 【待审核】 mail, so the office gets it at once (not in an hourly digest).
        builder.UseSetting("ReviewDigests:DefaultMode", "Immediate");
        builder.UseSetting("RabbitMq:Host", rabbit.Host);
        builder.UseSetting("RabbitMq:Port", rabbit.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        // An SMTP sink keeps mail consumers realistic; without one they fail and retry (PW_LOAD_SMTP_PORT).
        builder.UseSetting("Smtp:Port", Environment.GetEnvironmentVariable("PW_LOAD_SMTP_PORT") ?? "1");
        builder.UseSetting("Smtp:FromAddress", "load@example.cn");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Auth:LoginPermitsPerMinute", "100000");
        builder.UseSetting("DataProtection:CertificatePath", LoadKeyRing.File.Value);
        builder.UseEnvironment("Production");
        if (RequestPathOnly)
        {
            // PW_LOAD_REQUEST_PATH_ONLY=1: no outbox dispatcher, so the steps measure the HTTP request path alone and the
            // difference to a normal run is what the background work (dispatch, consumers, mail) costs per action.
            builder.ConfigureTestServices(services =>
            {
                var dispatcher = services.Single(d => d.ImplementationType == typeof(PerfWorkflow.Api.Messaging.OutboxDispatcher));
                services.Remove(dispatcher);
            });
        }
    }

    public static bool RequestPathOnly => Environment.GetEnvironmentVariable("PW_LOAD_REQUEST_PATH_ONLY") == "1";
}

/// <summary>The production profile needs a key-ring certificate; the load runs make a throwaway one.</summary>
internal static class LoadKeyRing
{
    public static readonly Lazy<string> File = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "pw-load-keyring-" + Guid.NewGuid().ToString("N") + ".pfx");
        PerfWorkflow.Api.Hosting.KeyRingProtection.CreateCertificateFile(path, password: null);
        return path;
    });
}
