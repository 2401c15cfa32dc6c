using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Auth;

public sealed record LoginRequest(string UserName, string Password);

public sealed record CurrentUser(Guid Id, string UserName, string DisplayName, string Role, string? SectionId);

public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return TypedResults.NoContent();
        });
        group.MapGet("/me", (HttpContext http) =>
        {
            var actor = http.ToActor();
            return TypedResults.Ok(new CurrentUser(actor.UserId, http.User.Identity!.Name!, actor.Name, actor.Role.ToString(), actor.SectionId));
        }).RequireAuthorization();
    }

    private static async Task<Results<Ok<CurrentUser>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext http, PerfWorkflowDbContext db, IPasswordHasher<AppUser> hasher)
    {
        var user = await SignInAsync(http, db, hasher, request.UserName, request.Password);
        return user is null
            ? TypedResults.Problem("用户名或密码不正确。", statusCode: StatusCodes.Status401Unauthorized, title: "登录失败")
            : TypedResults.Ok(new CurrentUser(user.Id, user.UserName, user.DisplayName, user.Role.ToString(), user.SectionId));
    }

    /// <summary>Checks the password and issues the cookie; shared by the API and the login page.</summary>
    public static async Task<AppUser?> SignInAsync(HttpContext http, PerfWorkflowDbContext db, IPasswordHasher<AppUser> hasher, string? userName, string? password)
    {
        var name = (userName ?? "").Trim();
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == name && u.IsActive);
        if (user is null || hasher.VerifyHashedPassword(user, user.PasswordHash, password ?? "") == PasswordVerificationResult.Failed)
        {
            return null;
        }
        var sectionName = user.SectionId is null ? null : (await db.Sections.FindAsync(user.SectionId))?.Name;
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AuthExtensions.ToPrincipal(user, sectionName));
        return user;
    }
}
