using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Auth;

public enum SignInOutcome
{
    SignedIn,

    /// <summary>Wrong name or password, unknown or deactivated user, or a locked account: one answer for all.</summary>
    Refused,

    /// <summary>Too many attempts from this client address in the last minute.</summary>
    Throttled,
}

/// <summary>The one Chinese wording of a refused sign-in: it never says which part was wrong (docs/security.md).</summary>
public static class SignInMessages
{
    public const string Refused = "用户名或密码不正确，或连续输错次数过多、账号已暂时锁定。请核对后重试，或联系系统管理员。";

    public const string Throttled = "登录尝试过于频繁，请一分钟后再试。";
}

/// <summary>Per-address limit of sign-in attempts and the password hash checked for unknown users (singleton).</summary>
public sealed class SignInGuard : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInGuard(IOptions<AuthOptions> options, IPasswordHasher<AppUser> hasher)
    {
        var permits = options.Value.LoginPermitsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(
            address, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        // A real hash of a random password: an unknown user name costs the same PBKDF2 work as a known one.
        DecoyUser = new AppUser { Id = Guid.Empty, UserName = "" };
        DecoyHash = hasher.HashPassword(DecoyUser, Guid.NewGuid().ToString("N"));
    }

    public AppUser DecoyUser { get; }

    public string DecoyHash { get; }

    public bool TryAcquire(string address)
    {
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Checks a password with lockout and the per-address limit, then issues the cookie; shared by the API and the login page.</summary>
public sealed class SignInService(
    PerfWorkflowDbContext db,
    IPasswordHasher<AppUser> hasher,
    SignInGuard guard,
    IOptions<AuthOptions> options,
    TimeProvider clock)
{
    public async Task<(SignInOutcome Outcome, AppUser? User)> SignInAsync(HttpContext http, string? userName, string? password)
    {
        if (!guard.TryAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown"))
        {
            return (SignInOutcome.Throttled, null);
        }
        var name = (userName ?? "").Trim();
        password ??= "";
        var user = name.Length == 0 ? null : await db.Users.FirstOrDefaultAsync(u => u.UserName == name, http.RequestAborted);
        if (user is null || !user.IsActive)
        {
            hasher.VerifyHashedPassword(guard.DecoyUser, guard.DecoyHash, password);
            return (SignInOutcome.Refused, null);
        }

        var now = clock.GetUtcNow();
        // The hash is checked also while locked, so a locked account answers in the same time as any other.
        var verified = hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (user.LockoutEnd is { } end && end > now)
        {
            return (SignInOutcome.Refused, null);
        }
        if (!verified)
        {
            user.AccessFailedCount++;
            if (user.AccessFailedCount >= options.Value.MaxFailedAttempts)
            {
                user.LockoutEnd = now + options.Value.LockoutDuration;
                user.AccessFailedCount = 0;
            }
            await db.SaveChangesAsync(http.RequestAborted);
            return (SignInOutcome.Refused, null);
        }

        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        if (string.IsNullOrEmpty(user.SecurityStamp))
        {
            user.SecurityStamp = UserChangeInterceptor.NewStamp();
        }
        await db.SaveChangesAsync(http.RequestAborted);
        var sectionName = user.SectionId is null ? null : (await db.Sections.FindAsync([user.SectionId], http.RequestAborted))?.Name;
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthExtensions.ToPrincipal(user, sectionName));
        return (SignInOutcome.SignedIn, user);
    }
}
