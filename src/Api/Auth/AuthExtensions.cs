using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using PerfWorkflow.Api.Hosting;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Api.Auth;

public static class AuthExtensions
{
    public const string SectionClaim = "pw:section";
    public const string DisplayNameClaim = "pw:display_name";
    public const string SectionNameClaim = "pw:section_name";

    /// <summary>Cookie sign-in; the API answers 401/403 instead of redirecting to the login page.</summary>
    public static void AddAuth(this WebApplicationBuilder builder)
    {
        builder.BindValidated<AuthOptions>(AuthOptions.SectionName);
        builder.Services.AddSingleton<UserSessions>();
        builder.Services.AddSingleton<SignInGuard>();
        builder.Services.AddScoped<SignInService>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<AppUser>, Microsoft.AspNetCore.Identity.PasswordHasher<AppUser>>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, UserChangeInterceptor>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = ".PerfWorkflow.Auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
                // Every cookie is checked against the users table (exists, active, same security stamp).
                o.Events.OnValidatePrincipal = ctx => ctx.HttpContext.RequestServices.GetRequiredService<UserSessions>().ValidateAsync(ctx);
            });
        PortalPolicies.Add(builder.Services.AddAuthorizationBuilder());
    }

    /// <summary>
    /// The API answers 401/403 bare. A page asks for the login by a redirect, but a refusal (a policy, or a handler's
    /// <c>Forbid()</c>) answers 403 at the same address: the status-code pages render it as 无权访问 with the sentence of
    /// <see cref="PortalPolicies.RefusalFor"/>, so a reload after a role change works and a script sees the 403.
    /// </summary>
    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || status == StatusCodes.Status403Forbidden)
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static ClaimsPrincipal ToPrincipal(AppUser user, string? sectionName = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayNameClaim, user.DisplayName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(UserSessions.StampClaim, user.SecurityStamp),
        };
        if (user.SectionId is not null)
        {
            claims.Add(new Claim(SectionClaim, user.SectionId));
            claims.Add(new Claim(SectionNameClaim, sectionName ?? user.SectionId));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>The route's view of the signed-in user, with the client address for the audit trail.</summary>
    public static Actor ToActor(this HttpContext http)
    {
        var user = http.User;
        return new Actor(
            Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
            user.FindFirstValue(DisplayNameClaim) ?? user.Identity!.Name!,
            Enum.Parse<UserRole>(user.FindFirstValue(ClaimTypes.Role)!),
            user.FindFirstValue(SectionClaim),
            http.Connection.RemoteIpAddress?.ToString());
    }
}
