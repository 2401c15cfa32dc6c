using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Notices;

namespace PerfWorkflow.Api.Pages.Account;

/// <summary>通知设置: the signed-in office user chooses how the 【待审核】 mails come (立即 / 每小时汇总 / 每日汇总).</summary>
[Authorize(Policy = PortalPolicies.OfficeStaff)]
public sealed class NotificationsModel(NoticePreferences preferences) : PageModel
{
    public static readonly ReviewNoticeMode[] Modes = [ReviewNoticeMode.Immediate, ReviewNoticeMode.Hourly, ReviewNoticeMode.Daily];

    public ReviewNoticePreference Current { get; private set; } = new(ReviewNoticeMode.Hourly, true, null);

    public async Task OnGetAsync(CancellationToken ct) => Current = await preferences.GetAsync(HttpContext.ToActor().UserId, ct);

    public async Task<IActionResult> OnPostAsync(string? reviewNotice, CancellationToken ct)
    {
        if (!Enum.TryParse<ReviewNoticeMode>(reviewNotice, ignoreCase: false, out var mode) || !Enum.IsDefined(mode))
        {
            TempData["Flash"] = "未保存：请选择一种通知方式。";
            return RedirectToPage();
        }
        await preferences.SetAsync(HttpContext.ToActor().UserId, mode, ct);
        TempData["Flash"] = $"已保存：{ReviewNoticeLabels.Title}为“{ReviewNoticeLabels.Of(mode)}”。";
        return RedirectToPage();
    }

    public static string Explanation(ReviewNoticeMode mode) => mode switch
    {
        ReviewNoticeMode.Immediate => "每份申报表提交后立即收到一封【待审核】邮件。",
        ReviewNoticeMode.Hourly => "工作日 9:00–18:00 每个整点收到一封汇总邮件，列出这一小时内提交的申报表；下班后和节假日提交的，在下一个工作日 9:00 汇总。",
        _ => "每个工作日 9:00 收到一封汇总邮件，列出此前提交的申报表。",
    };
}
