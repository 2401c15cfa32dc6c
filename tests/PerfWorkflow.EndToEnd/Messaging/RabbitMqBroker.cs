using System.Diagnostics;

namespace PerfWorkflow.EndToEnd.Messaging;

/// <summary>Stops and starts the RabbitMQ application of infra/services.sh (the node stays up, the AMQP port closes).</summary>
public static class RabbitMqBroker
{
    public static Task StopAsync() => RabbitMqCtlAsync("stop_app");

    public static Task StartAsync() => RabbitMqCtlAsync("start_app");

    private static async Task RabbitMqCtlAsync(string command)
    {
        var script = Path.Combine(RepositoryRoot(), "infra", "services.sh");
        var start = new ProcessStartInfo(script, ["rabbitmqctl", command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"services.sh rabbitmqctl {command} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfWorkflow.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No PerfWorkflow.sln above {AppContext.BaseDirectory}.");
    }
}
