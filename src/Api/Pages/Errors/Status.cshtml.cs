using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PerfWorkflow.Api.Auth;

namespace PerfWorkflow.Api.Pages.Errors;

/// <summary>
/// The portal's error page in Chinese (404, 403, 410, 500 …), re-executed by the status-code and exception middleware for
/// page requests; <c>/api</c> keeps ProblemDetails. It never shows a stack trace or the content of what was refused.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        Code = code;
        (Title, Message) = code switch
        {
            404 => ("页面不存在", "您要打开的页面或申报表不存在，可能已被删除，或地址输入有误。请从首页重新进入。"),
            403 => ("无权访问", PortalPolicies.RefusalFor(
                HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath)),
            410 => ("链接已失效", "这个链接已经用过、已过期，或申报表在此期间已有变化。请登录系统查看最新情况。"),
            500 => ("系统出错了", "处理您的请求时出现了意外错误，您的操作可能没有完成。请稍后重试；如果仍然出错，请联系系统管理员。"),
            _ => ("请求未完成", "请求未能完成。请返回首页后重试。"),
        };
        // Opened directly (not re-executed), the page still answers with the status it describes.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is null
            && code is >= 400 and < 600)
        {
            Response.StatusCode = code;
        }
        return Page();
    }
}
