using System.ComponentModel.DataAnnotations;

namespace PerfWorkflow.Api.Auth;

/// <summary>Settings section "Auth": sessions, lockout and the login rate limit (docs/security.md).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// How long a node trusts its last look at a user's row before checking a cookie against the users table again.
    /// Changes made through this node end sessions at once; changes made elsewhere (another node, SQL) within this time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SessionRevalidation { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts per client address and minute (API and login page together).</summary>
    [Range(1, 100000)]
    public int LoginPermitsPerMinute { get; set; } = 20;
}
