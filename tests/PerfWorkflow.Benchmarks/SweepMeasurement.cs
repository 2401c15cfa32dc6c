using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Benchmarks;

/// <summary>
/// One-shot measurement (not a BenchmarkDotNet run: a sweep changes the data it measures): the reminder sweep over
/// 100 000 open tasks on PostgreSQL. Run with: dotnet run -c Release --project tests/PerfWorkflow.Benchmarks -- sweep
/// (needs PW_TEST_POSTGRES from infra/services.sh env; creates and drops its own database).
/// </summary>
public static class SweepMeasurement
{
    private const int OpenTasks = 100_000;
    private static readonly DateOnly Today = new(2026, 11, 26);

    public static async Task<int> RunAsync(TextWriter output)
    {
        var admin = Environment.GetEnvironmentVariable("PW_TEST_POSTGRES")
            ?? throw new InvalidOperationException("PW_TEST_POSTGRES is not set: eval \"$(infra/services.sh env)\" first.");
        var name = $"pw_sweep_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        try
        {
            var options = new DbContextOptionsBuilder<PerfWorkflowDbContext>()
                .UseNpgsql(connectionString, PerfWorkflowDatabase.ConfigureNpgsql).Options;
            await using (var db = new PerfWorkflowDbContext(options))
            {
                await db.Database.MigrateAsync();
            }
            // Due dates spread evenly over 60 days around today (18:00 China time), plus 10 % finished tasks.
            var seed = Stopwatch.StartNew();
            await ExecuteAsync(connectionString, $"""
                INSERT INTO work_tasks ("Id", "Kind", "CandidateRole", "CandidateSectionId", "CreatedAt", "DueAt", "CompletedAt")
                SELECT gen_random_uuid(), 'Draft', 'SectionDrafter', 'gy', now() - interval '40 days',
                       (DATE '{Today:yyyy-MM-dd}' + (i % 60) - 30 + TIME '18:00') AT TIME ZONE 'Asia/Shanghai',
                       CASE WHEN i > {OpenTasks} THEN now() END
                FROM generate_series(1, {OpenTasks + (OpenTasks / 10)}) AS i;
                ANALYZE work_tasks;
                """);
            await output.WriteLineAsync($"seeded {OpenTasks} open + {OpenTasks / 10} finished tasks in {seed.ElapsedMilliseconds} ms");

            var calendar = new WorkingDayCalendar(Path.Combine(AppContext.BaseDirectory, "calendar"));
            var clock = new FixedClock(ChinaTime.At(Today, new TimeOnly(9, 0)).ToUniversalTime());
            foreach (var run in new[] { "first sweep of the day", "repeat sweep (every minute after)" })
            {
                await using var db = new PerfWorkflowDbContext(options);
                var watch = Stopwatch.StartNew();
                var recorded = await new ReminderSweepJob(db, calendar, clock).RunAsync(CancellationToken.None);
                await output.WriteLineAsync($"{run}: {recorded} reminders recorded in {watch.ElapsedMilliseconds} ms");
            }
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
