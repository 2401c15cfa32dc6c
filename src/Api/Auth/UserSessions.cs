using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Auth;

/// <summary>
/// Checks every cookie against the users table: the user must exist, be active and still carry the security stamp the
/// cookie was issued with (the stamp changes with the password, role, 科室 or active flag, see
/// <see cref="UserChangeInterceptor"/>). A node remembers a user's row for <see cref="AuthOptions.SessionRevalidation"/>;
/// changes saved on this node forget it at once.
/// </summary>
public sealed class UserSessions(IServiceScopeFactory scopes, TimeProvider clock, IOptions<AuthOptions> options)
{
    public const string StampClaim = "pw:stamp";

    private readonly ConcurrentDictionary<Guid, Entry> _seen = new();

    public void Forget(Guid userId) => _seen.TryRemove(userId, out _);

    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(StampClaim);
        if (principal is null
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || string.IsNullOrEmpty(stamp)
            || await CurrentAsync(userId, context.HttpContext.RequestAborted) is not { } current
            // Role and 科室 are compared too: a change written by SQL, which does not renew the stamp, still counts.
            || !string.Equals(current.Stamp, stamp, StringComparison.Ordinal)
            || !string.Equals(current.Role, principal.FindFirstValue(ClaimTypes.Role), StringComparison.Ordinal)
            || !string.Equals(current.SectionId, principal.FindFirstValue(AuthExtensions.SectionClaim), StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>What the cookie must match for an active user, or null when the user does not exist or is deactivated.</summary>
    private async Task<Current?> CurrentAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_seen.TryGetValue(userId, out var entry) && now - entry.CheckedAt < options.Value.SessionRevalidation)
        {
            return entry.User;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive && u.SecurityStamp != "")
            .Select(u => new { u.SecurityStamp, u.Role, u.SectionId })
            .FirstOrDefaultAsync(ct);
        var current = user is null ? null : new Current(user.SecurityStamp, user.Role.ToString(), user.SectionId);
        _seen[userId] = new Entry(current, now);
        return current;
    }

    private sealed record Current(string Stamp, string Role, string? SectionId);

    private readonly record struct Entry(Current? User, DateTimeOffset CheckedAt);
}
