using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace PerfWorkflow.Api.Hosting;

/// <summary>Settings section "DataProtection": the certificate that encrypts the key ring at rest (docs/security.md).</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with an RSA private key, kept outside the database. Embedded default: generated in the data folder.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

/// <summary>
/// The Data Protection keys (cookies, antiforgery, email action links — docs/adr/003-action-link-keys.md) live in the
/// database; each key is encrypted with a certificate that does not, so a copy of the database alone cannot mint a
/// cookie or a link. Production refuses to start without the certificate; the embedded profile makes one on first start.
/// </summary>
public static class KeyRingProtection
{
    public const string EmbeddedFileName = "keyring-certificate.pfx";

    public static void AddKeyRingProtection(this WebApplicationBuilder builder, HostingOptions hosting)
    {
        var options = builder.BindValidated<KeyRingOptions>(KeyRingOptions.SectionName);
        var path = options.CertificatePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            if (hosting.Profile == AppProfile.Production)
            {
                throw new StartupException(
                    "Setting DataProtection:CertificatePath is missing (Production profile encrypts the key ring with this .pfx certificate, kept outside the database; env DataProtection__CertificatePath, DataProtection__CertificatePassword).");
            }
            path = Path.Combine(builder.EmbeddedDataDirectory(hosting), EmbeddedFileName);
            if (!File.Exists(path))
            {
                CreateCertificateFile(path, password: null);
            }
        }
        var certificate = Load(path, options.CertificatePassword);
        builder.Services.AddDataProtection()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(certificate);
    }

    /// <summary>Writes a new self-signed RSA certificate with its private key (owner-only file); also used by tests.</summary>
    public static void CreateCertificateFile(string path, string? password)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=PerfWorkflow key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        var bytes = certificate.Export(X509ContentType.Pfx, password);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var file = new FileStream(path, fileOptions);
        file.Write(bytes);
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
            {
                throw new StartupException($"Setting DataProtection:CertificatePath names {path}, which has no RSA private key.");
            }
            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Setting DataProtection:CertificatePath: cannot read the certificate {path} ({ex.Message.TrimEnd('.')}; check the file and DataProtection:CertificatePassword).", ex);
        }
    }
}
