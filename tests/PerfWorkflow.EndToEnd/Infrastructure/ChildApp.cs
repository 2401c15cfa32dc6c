using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace PerfWorkflow.EndToEnd.Infrastructure;

/// <summary>
/// The app as a separate process (<c>dotnet PerfWorkflow.Api.dll</c> from this test's output folder), so a test can
/// kill it with SIGKILL and start it again on the same port and the same servers.
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    public ChildApp(IDictionary<string, string> settings)
    {
        Port = SmtpTestServer.FreePort();
        _settings = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["DOTNET_gcServer"] = "0",
        };
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    /// <summary>The production-profile settings of <see cref="ProductionApp"/>, as environment variables.</summary>
    public static Dictionary<string, string> ProductionSettings(TestDatabase database, SmtpTestServer smtp)
    {
        var rabbit = TestEnvironment.RabbitMqUri;
        return new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Profile"] = "Production",
            ["ConnectionStrings__Main"] = database.ConnectionString,
            ["Database__MigrateOnStart"] = "true",
            ["RabbitMq__Host"] = rabbit.Host,
            ["RabbitMq__Port"] = rabbit.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__FromAddress"] = "jx@futian.example.cn",
            ["Bootstrap__AdminUserName"] = ProductionApp.BootstrapAdmin,
            ["Bootstrap__AdminPassword"] = ProductionApp.BootstrapPassword,
            ["DataProtection__CertificatePath"] = TestKeyRingCertificate.FilePath,
            ["DataProtection__CertificatePassword"] = TestKeyRingCertificate.Password,
            ["ActionLinks__PermitsPerMinute"] = "10000",
            // Short claims and a quick sweep keep the test short; the protocol is the same as with the defaults.
            ["MailDelivery__Lease"] = "00:00:03",
            ["MailDelivery__RedriveAfter"] = "00:00:05",
            ["MailDelivery__SweepInterval"] = "00:00:01",
        };
    }

    /// <summary>Starts the process and waits until it answers /health/live.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "PerfWorkflow.Api.dll")])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _settings)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Note(e.Data);
        process.ErrorDataReceived += (_, e) => Note(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;

        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode} at start:\n{Tail()}");
            }
            try
            {
                using var response = await probe.GetAsync(new Uri("health/live", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The app did not answer /health/live within {timeout}:\n{Tail()}");
    }

    /// <summary>kill -9: no shutdown hook, no flush, no acknowledgement runs.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            // Bounded: on a loaded machine the wait for the redirected output to close once hung a whole CI run.
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                Note("(the killed process had not closed its output after 30 s; going on)");
            }
            Kills++;
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string Tail(int lines = 40) => string.Join('\n', _log.TakeLast(lines));

    private void Note(string? line)
    {
        if (line is null)
        {
            return;
        }
        _log.Enqueue(line);
        while (_log.Count > 500 && _log.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
    }
}
