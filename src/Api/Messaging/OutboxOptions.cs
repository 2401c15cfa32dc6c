using System.ComponentModel.DataAnnotations;

namespace PerfWorkflow.Api.Messaging;

/// <summary>Settings section "Outbox": how the dispatcher publishes and when a row counts as poison.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Rows claimed per round; a full batch makes the dispatcher go again at once.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Failed publishes after which a row moves to the dead-letter table.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>How long one publish may wait for the broker before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Set by the embedded profile, whose in-memory bus forgets what a crash interrupts: a published row is kept until its
    /// consumer finished with it and published again after <see cref="InFlightTimeout"/> otherwise. RabbitMQ keeps a
    /// confirmed message itself, so the production profile deletes the row once the broker confirmed it.
    /// </summary>
    public bool KeepUntilConsumed { get; set; }

    /// <summary>With <see cref="KeepUntilConsumed"/>: how long a published row waits for its consumer before it goes again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan InFlightTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The "outbox" health check turns Degraded when the oldest waiting row is older than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BacklogDegradedAfter { get; set; } = TimeSpan.FromSeconds(60);
}
