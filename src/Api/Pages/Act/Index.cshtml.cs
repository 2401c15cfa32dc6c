using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Hosting;
using PerfWorkflow.Api.Links;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Act;

/// <summary>
/// <c>/act/{token}</c>: the email action link. GET only shows what would happen (mail scanners prefetch links); POST acts
/// as the recipient the token names, once. Every refusal is a page saying what happened and what to do, with a 4xx status.
/// </summary>
[EnableRateLimiting(ActionLinksExtensions.RateLimitPolicy)]
public sealed class IndexModel(ActionLinkIssuer links, PerfWorkflowDbContext db, DeclarationWorkflow workflow, DiffBaseline diffBaseline) : PageModel
{
    /// <summary>A refusal: status, heading and what the user can do now.</summary>
    public sealed record Refusal(int Status, string Title, string Message);

    public Refusal? Refused { get; private set; }

    public bool Done { get; private set; }

    public string ActionLabel { get; private set; } = "";

    public bool CommentRequired { get; private set; }

    public Declaration? Declaration { get; private set; }

    public string RecipientName { get; private set; } = "";

    public int? BaselineVersion { get; private set; }

    public DeclarationDiff? Diff { get; private set; }

    /// <summary>The drafter's 修改说明 with the submission under review; null when none.</summary>
    public SubmissionNote? SubmitNote { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyList<Finding> Findings { get; private set; } = [];

    [BindProperty]
    public string? Comment { get; set; }

    public const int MaxCommentLength = ActionRequest.MaxCommentLength;

    private ActionLinkToken? _link;
    private AppUser? _recipient;

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken ct)
    {
        if (await CheckAsync(token, ct) is { } refused)
        {
            return Refuse(refused);
        }
        await LoadDiffAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? token, CancellationToken ct)
    {
        if (await CheckAsync(token, ct) is { } refused)
        {
            return Refuse(refused);
        }
        var link = _link!;
        if (Comment?.Length > MaxCommentLength)
        {
            Error = $"意见不能超过 {MaxCommentLength} 个字。";
            await LoadDiffAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var actor = Actor.From(_recipient!, HttpContext.Connection.RemoteIpAddress?.ToString());
        var request = new ActionRequest { Comment = string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim(), ExpectedVersion = link.DeclarationVersion };
        ActionOutcome outcome;
        try
        {
            outcome = await workflow.ActAsync(actor, link.DeclarationId, link.Action, request, d => new IdempotencyRecord
            {
                Key = link.UseKey,
                UserId = link.RecipientId,
                Request = $"POST /act {link.Action} {link.DeclarationId}",
                StatusCode = StatusCodes.Status200OK,
                ResponseJson = $$"""{"stage":"{{d.Stage}}","version":{{d.Version}}}""",
                CreatedAt = d.UpdatedAt,
            }, ct);
        }
        catch (DbUpdateException)
        {
            // The same link was posted twice at once and the other request committed first; anything else is a real fault.
            db.ChangeTracker.Clear();
            if (await IsUsedAsync(link, ct))
            {
                return Refuse(Used);
            }
            throw;
        }
        switch (outcome)
        {
            case ActionOutcome.Done { Declaration: { } done }:
                Done = true;
                Declaration = done;
                return Page();
            case ActionOutcome.BadRequest bad:
                Error = bad.Message;
                break;
            case ActionOutcome.Invalid invalid:
                Error = "申报表还有错误级问题，不能办理此操作。请登录系统查看并处理后再办理。";
                Findings = invalid.Findings;
                break;
            case ActionOutcome.Stale:
                return Refuse(Stale("申报表在您打开链接后又被修改或办理过"));
            case ActionOutcome.Forbidden forbidden:
                return Refuse(new Refusal(StatusCodes.Status403Forbidden, "不能办理", forbidden.Message + "请登录系统查看。"));
            case ActionOutcome.NotPermitted notPermitted:
                return Refuse(Stale(notPermitted.Message.TrimEnd('。')));
            default:
                return Refuse(Forged);
        }
        await LoadDiffAsync(ct);
        Response.StatusCode = Findings.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Everything that makes a link unusable, in the order a user can best act on; null when it may be used.</summary>
    private async Task<Refusal?> CheckAsync(string? token, CancellationToken ct)
    {
        var (state, link) = links.Read(token);
        if (state == ActionLinkState.Invalid || link is null)
        {
            return Forged;
        }
        if (await IsUsedAsync(link, ct))
        {
            return Used;
        }
        if (state == ActionLinkState.Expired)
        {
            return new Refusal(StatusCodes.Status410Gone, "链接已过期",
                $"这个操作链接已于 {Shown(link.ExpiresAt)} 过期，没有执行任何操作。请登录系统，在「待办」中办理。");
        }
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == link.RecipientId, ct);
        var declaration = await db.Declarations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == link.DeclarationId, ct);
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == link.TaskId && t.DeclarationId == link.DeclarationId, ct);
        if (user is null || declaration is null || task is null)
        {
            return new Refusal(StatusCodes.Status404NotFound, "找不到办理对象", "链接所指的申报表、任务或收件人已不存在，没有执行任何操作。请登录系统查看。");
        }
        if (!user.IsActive)
        {
            return new Refusal(StatusCodes.Status403Forbidden, "账号已停用", "这个链接的收件人账号已停用，没有执行任何操作。如有疑问请联系系统管理员。");
        }
        if (!task.IsOpen)
        {
            return Stale($"这项任务已于 {Shown(task.CompletedAt!.Value)} 由{task.CompletedByName}办理完毕");
        }
        if (declaration.Version != link.DeclarationVersion)
        {
            return Stale($"申报表在邮件发出后已被修改或办理（{declaration.UpdatedByName}，{Shown(declaration.UpdatedAt)}）");
        }
        if (!task.IsFor(Actor.From(user)))
        {
            return Stale("这项任务已转由他人办理");
        }
        (_link, _recipient, Declaration) = (link, user, declaration);
        RecipientName = user.DisplayName;
        ActionLabel = LabelOf(link.Action, declaration.Stage);
        CommentRequired = link.Action is ActionNames.Return or ActionNames.Exclude;
        return null;
    }

    private Task<bool> IsUsedAsync(ActionLinkToken link, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().AnyAsync(r => r.UserId == link.RecipientId && r.Key == link.UseKey, ct);

    private static readonly Refusal Forged = new(StatusCodes.Status400BadRequest, "链接无效",
        "这个操作链接不完整或已被改动，无法识别，没有执行任何操作。请直接点击邮件中的按钮（不要手工复制部分地址），或登录系统在「待办」中办理。");

    private static readonly Refusal Used = new(StatusCodes.Status410Gone, "链接已使用",
        "这个操作链接已经用过一次，每个链接只能使用一次，本次没有再执行任何操作。请登录系统查看办理结果。");

    private static Refusal Stale(string what) => new(StatusCodes.Status409Conflict, "情况已有变化",
        $"{what}，邮件中的链接已失效，没有执行任何操作。请登录系统查看最新内容后再办理。");

    private PageResult Refuse(Refusal refusal)
    {
        Refused = refusal;
        Response.StatusCode = refusal.Status;
        return Page();
    }

    /// <summary>The diff since the version a reader's diff starts from (<see cref="DiffBaseline"/>): what changed since the reviewer last saw it.</summary>
    private async Task LoadDiffAsync(CancellationToken ct)
    {
        var declaration = Declaration!;
        var baseline = await diffBaseline.ForAsync(declaration, ct);
        SubmitNote = await diffBaseline.NoteForAsync(declaration, ct);
        if (baseline is not null)
        {
            BaselineVersion = baseline.Number;
            Diff = DeclarationDiff.Compare(Read(baseline.FormJson), declaration.ReadForm());
        }
    }

    private static DeclarationForm Read(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<DeclarationForm>(json, DeclarationJson.Options) ?? new DeclarationForm();

    public static string LabelOf(string action, DeclarationStage stage) => RouteLabels.Action(action, stage);

    public static string Shown(DateTimeOffset at) => DisplayFormat.Time(at);

    public static string WanYuan(decimal yuan) => DisplayFormat.WanYuan(yuan) + " 万元";
}
