using System.ComponentModel.DataAnnotations;

namespace PerfWorkflow.Api.Hosting;

public enum AppProfile
{
    /// <summary>SQLite, in-memory bus and jobs, mail to files, demo data: runs with nothing installed.</summary>
    Embedded,

    /// <summary>PostgreSQL, RabbitMQ, Hangfire.PostgreSql, SMTP.</summary>
    Production,
}

/// <summary>Top-level settings of the host (see the settings table in README.md).</summary>
public sealed class HostingOptions
{
    public AppProfile Profile { get; set; } = AppProfile.Embedded;

    /// <summary>Embedded profile: folder of the SQLite file and the mail folder.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Base address used in email links, e.g. https://jx.example.gov.cn.</summary>
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
}

/// <summary>Settings section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Apply PostgreSQL migrations at start-up (the migrate verb always does).</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>Seconds to wait for the database at start before giving up with a clear message.</summary>
    [Range(1, 120)]
    public int ConnectTimeoutSeconds { get; set; } = 5;
}

/// <summary>Settings section "RabbitMq" (production profile).</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";

    [Required(ErrorMessage = "RabbitMq:Host is required in the Production profile")]
    public string Host { get; set; } = "";

    [Range(1, 65535)]
    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string UserName { get; set; } = "guest";

    public string Password { get; set; } = "guest";
}

/// <summary>Settings section "Jobs": Hangfire polling (defaults suit production; tests shorten them).</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Hangfire worker count on this node.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;
}
