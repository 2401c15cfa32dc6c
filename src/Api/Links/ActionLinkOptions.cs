using System.ComponentModel.DataAnnotations;

namespace PerfWorkflow.Api.Links;

/// <summary>Settings section "ActionLinks": how long an email action link stays usable and how often one address may try.</summary>
public sealed class ActionLinkOptions
{
    public const string SectionName = "ActionLinks";

    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00", ErrorMessage = "must be between 1 second and 90 days")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Requests to /act per client address per minute (fixed window); guessing tokens is pointless, floods are not.</summary>
    [Range(1, 10_000)]
    public int PermitsPerMinute { get; set; } = 30;
}
