using Microsoft.AspNetCore.Http.HttpResults;
using PerfWorkflow.Workflows.Notices;
using PerfWorkflow.Workflows.Organisation;

namespace PerfWorkflow.Api.Auth;

/// <summary>The signed-in office user's 【待审核】 notice mode: <c>immediate</c>, <c>hourly</c> or <c>daily</c>.</summary>
public sealed record NotificationSettingsDto(ReviewNoticeMode ReviewNotice, string ReviewNoticeLabel, bool IsDefault, DateTimeOffset? UpdatedAt);

public sealed record NotificationSettingsRequest(string? ReviewNotice);

public static class NotificationSettingsApi
{
    /// <summary>The wire names of the modes, as in the JSON answers.</summary>
    public static readonly IReadOnlyDictionary<string, ReviewNoticeMode> WireNames = new Dictionary<string, ReviewNoticeMode>(StringComparer.OrdinalIgnoreCase)
    {
        ["immediate"] = ReviewNoticeMode.Immediate,
        ["hourly"] = ReviewNoticeMode.Hourly,
        ["daily"] = ReviewNoticeMode.Daily,
    };

    public static void MapNotificationSettingsApi(this IEndpointRouteBuilder app)
    {
        // Only the office gets 【待审核】 mails, so only the office has the setting.
        var group = app.MapGroup("/api/auth/me/notifications").WithTags("auth")
            .RequireAuthorization(PortalPolicies.OfficeStaff);
        group.MapGet("", async (HttpContext http, NoticePreferences preferences, CancellationToken ct) =>
            TypedResults.Ok(ToDto(await preferences.GetAsync(http.ToActor().UserId, ct))));
        group.MapPut("", SetAsync);
    }

    private static async Task<Results<Ok<NotificationSettingsDto>, ProblemHttpResult>> SetAsync(
        NotificationSettingsRequest request, HttpContext http, NoticePreferences preferences, CancellationToken ct)
    {
        if (request.ReviewNotice is not { } name || !WireNames.TryGetValue(name, out var mode))
        {
            return TypedResults.Problem(
                "reviewNotice 须为 immediate（立即）、hourly（每小时汇总）或 daily（每日汇总）。",
                statusCode: StatusCodes.Status400BadRequest, title: "请求不完整");
        }
        return TypedResults.Ok(ToDto(await preferences.SetAsync(http.ToActor().UserId, mode, ct)));
    }

    private static NotificationSettingsDto ToDto(ReviewNoticePreference p) =>
        new(p.Mode, ReviewNoticeLabels.Of(p.Mode), p.IsDefault, p.UpdatedAt);
}
