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

    /// <summary>The "outbox" health check turns Degraded when the oldest waiting row is older than this.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan BacklogDegradedAfter { get; set; } = TimeSpan.FromSeconds(60);
}
