using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Logging;

namespace PerfWorkflow.Api.Tests.Hosting;

/// <summary>
/// The app as a newcomer runs it: embedded profile, nothing configured, its own empty data folder — or, to test a
/// restart, the folder of an earlier host that was told to <see cref="KeepData"/>.
/// </summary>
public sealed class EmbeddedApp : WebApplicationFactory<Program>
{
    // xUnit builds class fixtures with one public, parameterless constructor.
    public EmbeddedApp()
        : this(Path.Combine(Path.GetTempPath(), "pw-embedded-" + Guid.NewGuid().ToString("N")))
    {
    }

    private EmbeddedApp(string dataDirectory)
    {
        DataDirectory = dataDirectory;
    }

    /// <summary>A second host on the data folder of an earlier one (a restart); it deletes the folder when disposed.</summary>
    public static EmbeddedApp OnDataOf(string dataDirectory) => new(dataDirectory);

    public string DataDirectory { get; }

    /// <summary>Keeps the data folder after disposal (the first host of a restart test).</summary>
    public bool KeepData { get; init; }

    /// <summary>What the host logged as errors; <see cref="CreatePortalClient"/> names them when a request answers 500.</summary>
    public ServerErrors Errors { get; } = new();

    /// <summary>Settings as a user would give them (e.g. <c>Demo:Scenario</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", DataDirectory);
        // Every test request comes from the same client address; the limit itself is tested with a low setting.
        builder.UseSetting("Auth:LoginPermitsPerMinute", "10000");
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.AddProvider(Errors));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// A client of this host or of one derived from it (<c>WithWebHostBuilder</c>), as <see cref="WebApplicationFactoryClientOptions"/>
    /// asks (redirects, cookies), whose 500 is an exception naming what the host logged instead of a bare status.
    /// </summary>
    public static HttpClient CreateDiagnosedClient(WebApplicationFactory<Program> factory, ServerErrors errors, WebApplicationFactoryClientOptions? options = null)
    {
        options ??= new WebApplicationFactoryClientOptions();
        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect)
        {
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        }
        if (options.HandleCookies)
        {
            handlers.Add(new CookieContainerHandler());
        }
        handlers.Add(errors.FailOnServerError());
        return factory.CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>A client as the factory's own, but a 500 names what the host logged.</summary>
    public new HttpClient CreateClient() => CreateDiagnosedClient(this, Errors);

    /// <inheritdoc cref="CreateClient()"/>
    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options) => CreateDiagnosedClient(this, Errors, options);

    /// <summary>A client that keeps cookies, does not follow redirects and turns a 500 into an exception saying what the host logged.</summary>
    public static HttpClient CreatePortalClient(WebApplicationFactory<Program> factory, ServerErrors errors) =>
        factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(), errors.FailOnServerError());

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!KeepData && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
