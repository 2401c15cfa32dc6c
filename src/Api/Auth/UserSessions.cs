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
            || !string.Equals(await CurrentStampAsync(userId, context.HttpContext.RequestAborted), stamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    /// <summary>The stamp of an active user, or null when the user does not exist or is deactivated.</summary>
    private async Task<string?> CurrentStampAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_seen.TryGetValue(userId, out var entry) && now - entry.CheckedAt < options.Value.SessionRevalidation)
        {
            return entry.Stamp;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PerfWorkflowDbContext>();
        var stamp = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive && u.SecurityStamp != "")
            .Select(u => u.SecurityStamp)
            .FirstOrDefaultAsync(ct);
        _seen[userId] = new Entry(stamp, now);
        return stamp;
    }

    private readonly record struct Entry(string? Stamp, DateTimeOffset CheckedAt);
}
