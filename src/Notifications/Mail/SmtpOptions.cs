using System.ComponentModel.DataAnnotations;

namespace PerfWorkflow.Notifications.Mail;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP (an intranet relay or a test server).</summary>
    None,

    /// <summary>STARTTLS after connecting.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>Settings section "Smtp" (production profile).</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    [Required(ErrorMessage = "Smtp:Host is required in the Production profile")]
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    [Required(ErrorMessage = "Smtp:FromAddress is required in the Production profile")]
    [EmailAddress]
    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "绩效目标申报系统";

    /// <summary>Connect/command timeout; a slow server is treated as down (transient).</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 15;
}
