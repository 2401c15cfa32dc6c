using System.Globalization;
using Npgsql;

namespace PerfWorkflow.RouteLoad;

/// <summary>CPU time used so far by this process (app and load clients), the PostgreSQL server and the RabbitMQ node.</summary>
internal sealed record CpuSample(TimeSpan App, TimeSpan? Postgres, TimeSpan? RabbitMq)
{
    public static CpuSample operator -(CpuSample after, CpuSample before) => new(
        after.App - before.App,
        after.Postgres - before.Postgres,
        after.RabbitMq - before.RabbitMq);
}

/// <summary>
/// Reads CPU times from /proc (Linux): the postmaster with its reaped children plus its live backends, and the RabbitMQ
/// node's beam process from the rabbit.pid of infra/services.sh (PW_SERVICES_DIR or the repository's .services).
/// </summary>
internal sealed class ProcessCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly int? _postmaster;
    private readonly int? _rabbit;

    private ProcessCpu(int? postmaster, int? rabbit) => (_postmaster, _rabbit) = (postmaster, rabbit);

    public static async Task<ProcessCpu> FindAsync(string connectionString)
    {
        int? postmaster = null;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW data_directory", connection);
            var dataDirectory = (string)(await command.ExecuteScalarAsync())!;
            postmaster = int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            // A server on another machine or another user's: its CPU is not ours to read.
        }
        catch (UnauthorizedAccessException)
        {
        }
        int? rabbit = null;
        var servicesDirectory = Environment.GetEnvironmentVariable("PW_SERVICES_DIR") ?? Path.Combine(RepositoryRoot(), ".services");
        var pidFile = Path.Combine(servicesDirectory, "rabbitmq", "rabbit.pid");
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            rabbit = pid;
        }
        return new ProcessCpu(postmaster, rabbit);
    }

    public CpuSample Sample()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSample(self.TotalProcessorTime, _postmaster is { } p ? PostgresCpu(p) : null, _rabbit is { } r ? Ticks(r, children: false) : null);
    }

    private static TimeSpan? PostgresCpu(int postmaster)
    {
        var total = Ticks(postmaster, children: true);
        if (total is null)
        {
            return null;
        }
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } fields
                && fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                total += Ticks(fields, children: false);
            }
        }
        return total;
    }

    private static TimeSpan? Ticks(int pid, bool children) => Stat(pid) is { } fields ? Ticks(fields, children) : null;

    // Fields after the command name: [0] state, [1] ppid … [11] utime, [12] stime, [13] cutime, [14] cstime.
    private static TimeSpan Ticks(string[] fields, bool children)
    {
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (children)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PerfWorkflow.sln")))
            {
                return directory.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }
}
