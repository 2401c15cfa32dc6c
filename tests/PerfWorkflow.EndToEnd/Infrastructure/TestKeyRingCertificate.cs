using PerfWorkflow.Api.Hosting;

namespace PerfWorkflow.EndToEnd.Infrastructure;

/// <summary>One key-ring certificate per test run (the production profile refuses to start without one).</summary>
public static class TestKeyRingCertificate
{
    private static readonly Lazy<string> File = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "pw-keyring-" + Guid.NewGuid().ToString("N"), "keyring.pfx");
        KeyRingProtection.CreateCertificateFile(path, Password);
        return path;
    });

    public const string Password = "Keyring#2024";

    public static string FilePath => File.Value;
}
