using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

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

    private static async Task<Results<Ok<CurrentUser>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext http, SignInService signIn)
    {
        var (outcome, user) = await signIn.SignInAsync(http, request.UserName, request.Password);
        return outcome switch
        {
            SignInOutcome.SignedIn => TypedResults.Ok(new CurrentUser(user!.Id, user.UserName, user.DisplayName, user.Role.ToString(), user.SectionId)),
            SignInOutcome.Throttled => TypedResults.Problem(SignInMessages.Throttled, statusCode: StatusCodes.Status429TooManyRequests, title: "登录失败"),
            _ => TypedResults.Problem(SignInMessages.Refused, statusCode: StatusCodes.Status401Unauthorized, title: "登录失败"),
        };
    }
}
