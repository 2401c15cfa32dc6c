using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PerfWorkflow.Api.Tests.Hosting;

/// <summary>
/// The app as a newcomer runs it: embedded profile, nothing configured, its own empty data folder — or, to test a
/// restart, the folder of an earlier host that was told to <see cref="KeepData"/>.
/// </summary>
public sealed class EmbeddedApp(string? dataDirectory = null) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory ?? Path.Combine(Path.GetTempPath(), "pw-embedded-" + Guid.NewGuid().ToString("N"));

    /// <summary>Keeps the data folder after disposal (the first host of a restart test).</summary>
    public bool KeepData { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseEnvironment("Development");
    }

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
