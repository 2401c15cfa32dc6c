using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Synthetic;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.RouteLoad;

/// <summary>
/// The office dashboard at 100 000 declarations (docs/architecture.md §9): bulk-seeds declarations with their tasks by COPY, then
/// measures the overdue query in-process and the /dashboard page over HTTP as the office, and the process RSS.
/// </summary>
internal static class DashboardLoad
{
    public const int Sections = 40;

    private static readonly string[] Stages = ["Draft", "OfficeReview", "Consolidated", "BureauReview", "Approved", "SubmittedToFinance", "Finalized", "Excluded"];

    // Share of each stage in per-mille: most work sits with the 科室 and the office, a little is already done.
    private static readonly int[] StageShare = [400, 250, 150, 80, 40, 30, 30, 20];

    /// <summary>
    /// COPYs <paramref name="count"/> synthetic declarations of <paramref name="cycle"/> across <see cref="Sections"/>
    /// 科室 (b00…), each with its open task where its stage has one and the closed draft task once it left Draft; about a
    /// quarter of those with a due time are 1–30 days overdue, the rest due within 20 days.
    /// </summary>
    public static async Task SeedAsync(string connectionString, int cycle, int count, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var sections = new NpgsqlCommand(
            $"INSERT INTO sections (\"Id\", \"Name\") SELECT 'b' || lpad(g::text, 2, '0'), '业务科室' || g FROM generate_series(0, {Sections - 1}) g", connection))
        {
            await sections.ExecuteNonQueryAsync();
        }
        var random = new Random(42);
        var validator = new DeclarationValidator(new DeclarationRulesOptions());
        var tasks = new List<(Guid Declaration, string Kind, string Role, string? Section, DateTimeOffset Created, DateTimeOffset? Due, DateTimeOffset? Completed)>();
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY declarations ("Id", "CycleYear", "SectionId", "Stage", "RouteVersion", "Version", "FormJson", "Code", "Name",
              "ProjectTypeCode", "ProjectTypeName", "CurrentYearAmountYuan", "ErrorCount", "WarningCount", "CreatedAt", "CreatedById",
              "UpdatedAt", "UpdatedById", "UpdatedByName", "StageEnteredAt", "DueAt", "DueIsProvisional", "OfficeHasActed",
              "LastSubmittedVersion", "ReturnedByFinance") FROM STDIN (FORMAT BINARY)
            """))
        {
            var index = 0;
            foreach (var generated in new DeclarationGenerator(new DeclarationRulesOptions()).Generate(3, count, 0.05))
            {
                var form = generated.Form;
                var findings = validator.Validate(form);
                var stage = PickStage(random);
                var section = $"b{index % Sections:D2}";
                var entered = now.AddHours(-random.Next(1, 24 * 40));
                DateTimeOffset? due = stage is "Draft" or "OfficeReview" or "Consolidated" or "BureauReview"
                    ? random.Next(4) == 0 ? now.AddHours(-random.Next(24, 24 * 30)) : now.AddHours(random.Next(1, 24 * 20))
                    : null;
                var id = Guid.NewGuid();
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(cycle, NpgsqlDbType.Integer);
                await writer.WriteAsync(section, NpgsqlDbType.Varchar);
                await writer.WriteAsync(stage, NpgsqlDbType.Varchar);
                await writer.WriteAsync(DeclarationRoute.Version, NpgsqlDbType.Integer);
                await writer.WriteAsync(stage == "Draft" ? 1 : 2, NpgsqlDbType.Integer);
                await writer.WriteAsync(JsonSerializer.Serialize(form, DeclarationJson.Options), NpgsqlDbType.Text);
                await writer.WriteAsync(form.Code.Trim(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(form.Name.Trim(), NpgsqlDbType.Varchar);
                await writer.WriteAsync(form.ProjectType?.Code ?? "", NpgsqlDbType.Varchar);
                await writer.WriteAsync(form.ProjectType?.Name ?? "", NpgsqlDbType.Text);
                await writer.WriteAsync(form.CurrentYearAmountYuan ?? 0m, NpgsqlDbType.Numeric);
                await writer.WriteAsync(findings.Count(f => f.Severity == Severity.Error), NpgsqlDbType.Integer);
                await writer.WriteAsync(findings.Count(f => f.Severity == Severity.Warning), NpgsqlDbType.Integer);
                await writer.WriteAsync(entered.AddDays(-5), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(entered, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await writer.WriteAsync("压测数据", NpgsqlDbType.Text);
                await writer.WriteAsync(entered, NpgsqlDbType.TimestampTz);
                if (due is { } d)
                {
                    await writer.WriteAsync(d, NpgsqlDbType.TimestampTz);
                }
                else
                {
                    await writer.WriteNullAsync();
                }
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                await writer.WriteAsync(stage != "Draft" && stage != "OfficeReview", NpgsqlDbType.Boolean);
                if (stage == "Draft")
                {
                    await writer.WriteNullAsync();
                }
                else
                {
                    await writer.WriteAsync(2, NpgsqlDbType.Integer);
                }
                await writer.WriteAsync(false, NpgsqlDbType.Boolean);
                if (stage != "Draft")
                {
                    tasks.Add((id, "Draft", "SectionDrafter", section, entered.AddDays(-5), entered, entered));
                }
                switch (stage)
                {
                    case "Draft":
                        tasks.Add((id, "Draft", "SectionDrafter", section, entered, due, null));
                        break;
                    case "OfficeReview":
                        tasks.Add((id, "OfficeReview", "Office", null, entered, due, null));
                        break;
                    case "BureauReview":
                        tasks.Add((id, "BureauReview", "BureauLeader", null, entered, due, null));
                        break;
                }
                index++;
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync("""
            COPY work_tasks ("Id", "DeclarationId", "Kind", "CandidateRole", "CandidateSectionId", "CreatedAt", "DueAt", "FollowUpAt",
              "CompletedAt", "Outcome") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var task in tasks)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(task.Declaration, NpgsqlDbType.Uuid);
                await writer.WriteAsync(task.Kind, NpgsqlDbType.Varchar);
                await writer.WriteAsync(task.Role, NpgsqlDbType.Varchar);
                await WriteNullableAsync(writer, task.Section, NpgsqlDbType.Varchar);
                await writer.WriteAsync(task.Created, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, task.Due, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, task.Due?.AddDays(-3), NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, task.Completed, NpgsqlDbType.TimestampTz);
                await WriteNullableAsync(writer, task.Completed is null ? null : "submit", NpgsqlDbType.Varchar);
            }
            await writer.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("ANALYZE declarations; ANALYZE work_tasks;", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// p50/p95 of the dashboard's list work in a fresh scope per call, as a request runs it: the count, then one page of
    /// 100 rows in the given order.
    /// </summary>
    public static async Task<(double P50, double P95, int Listed)> MeasureQueryAsync(IServiceProvider services, DeadlineFilter filter, OverdueOrder order, bool descending, int requests)
    {
        var latencies = new List<double>();
        var listed = 0;
        for (var i = 0; i < requests; i++)
        {
            using var scope = services.CreateScope();
            var query = scope.ServiceProvider.GetRequiredService<OverdueQuery>();
            var watch = Stopwatch.StartNew();
            listed = (await query.CountAsync(filter, CancellationToken.None)).Listed;
            _ = await query.ListAsync(filter, order, descending, skip: 0, take: 100, CancellationToken.None);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }
        var (p50, p95) = Percentiles(latencies);
        return (p50, p95, listed);
    }

    /// <summary>The page as the office opens it: the default view, then filters and sorts in turn, one request after another.</summary>
    public static async Task<(double P50, double P95, long Bytes)> MeasurePageAsync(Uri baseAddress, int cycle, int requests, TimeSpan? until = null)
    {
        string[] views =
        [
            "/dashboard",
            $"/dashboard?cycle={cycle}&sort=due&desc=False",
            $"/dashboard?cycle={cycle}&section=b07&sort=name&desc=False",
            $"/dashboard?cycle={cycle}&stage=OfficeReview&sort=holder&desc=True",
            $"/dashboard?cycle={cycle}&scope=open&section=b13&sort=overdue&desc=True",
        ];
        using var client = await SignInAsync(baseAddress, "office");
        var latencies = new List<double>();
        long bytes = 0;
        var stop = until is { } d ? DateTime.UtcNow + d : DateTime.MaxValue;
        for (var i = 0; until is null ? i < requests : DateTime.UtcNow < stop; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(views[i % views.Length], UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{views[i % views.Length]} answered {(int)response.StatusCode}");
            }
            bytes = Math.Max(bytes, body.Length);
        }
        var (p50, p95) = Percentiles(latencies);
        return (p50, p95, bytes);
    }

    public static async Task<HttpClient> SignInAsync(Uri baseAddress, string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = user, password = "Load#2024" })).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Samples this process's resident set every 100 ms until cancelled; answers the peak seen and the kernel's VmHWM.</summary>
    public static async Task<(long PeakKb, long HwmKb)> SampleRssAsync(CancellationToken stop)
    {
        long peak = 0;
        while (!stop.IsCancellationRequested)
        {
            peak = Math.Max(peak, Status("VmRSS:"));
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        return (Math.Max(peak, Status("VmRSS:")), Status("VmHWM:"));
    }

    public static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public static (double P50, double P95) Percentiles(List<double> latencies)
    {
        latencies.Sort();
        return (latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.95)]);
    }

    private static string PickStage(Random random)
    {
        var roll = random.Next(1000);
        for (var i = 0; i < Stages.Length; i++)
        {
            roll -= StageShare[i];
            if (roll < 0)
            {
                return Stages[i];
            }
        }
        return Stages[0];
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type) =>
        value is null ? writer.WriteNullAsync() : writer.WriteAsync(value, type);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, DateTimeOffset? value, NpgsqlDbType type) =>
        value is { } v ? writer.WriteAsync(v, type) : writer.WriteNullAsync();
}
