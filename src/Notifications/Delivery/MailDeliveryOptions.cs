using System.ComponentModel.DataAnnotations;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>
/// Settings section "MailDelivery": how long a claim on a delivery log row lasts without renewal, and when the recovery
/// sweep re-drives a Pending row nobody holds (docs/adr/007-crash-safe-mail-delivery.md).
/// </summary>
public sealed class MailDeliveryOptions
{
    public const string SectionName = "MailDelivery";

    /// <summary>
    /// A claim lasts this long unless renewed; the sender renews it every third of it while the SMTP exchange lasts, so a
    /// claim of a dead process lapses within this time and another consumer takes over.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A Pending row whose claim lapsed this long ago is re-driven by the recovery sweep.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RedriveAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the recovery sweep looks for such rows (each node runs it; claims keep them apart).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);
}
