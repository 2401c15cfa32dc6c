using PerfWorkflow.Workflows.Declarations.Diff;

namespace PerfWorkflow.Notifications.Rendering;

/// <summary>
/// What every email shows: who it is for, the cycle, the deadline if any, the actions this recipient may take and the
/// portal. Values are raw (元, instants, stage names); the templates format them with <see cref="MailFormat"/>.
/// </summary>
public abstract record MailModel
{
    private readonly string _portalUrl = "";

    /// <summary>Greeting name, e.g. 张伟.</summary>
    public required string RecipientName { get; init; }

    /// <summary>The budget year the mail is about (编制 2027 年预算 → 2027).</summary>
    public required int CycleYear { get; init; }

    /// <summary>When the event happened (or the reminder was made).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Where the recipient logs in; always shown, also when there is no action link.</summary>
    public required string PortalUrl
    {
        get => _portalUrl;
        init => _portalUrl = MailLink.RequireWebUrl(value, nameof(PortalUrl));
    }

    /// <summary>The action links this recipient may use, in the order shown.</summary>
    public IReadOnlyList<MailLink> Links { get; init; } = [];

    /// <summary>The due time of the stage or task the mail is about, with working days left (negative when overdue).</summary>
    public Deadline? Deadline { get; init; }
}

/// <summary>A button in the email: 纳入汇总, 退回, 查看申报表 … Only absolute http(s) addresses are accepted.</summary>
public sealed record MailLink
{
    public MailLink(string label, string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        Label = label;
        Url = RequireWebUrl(url, nameof(url));
    }

    public string Label { get; }

    public string Url { get; }

    // A javascript: or relative address would be a hole or a dead link in a mail client.
    internal static string RequireWebUrl(string url, string parameter) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw new ArgumentException($"'{url}' is not an absolute http(s) URL.", parameter);
}

/// <summary>A due time and the working days left until it; negative when overdue (−1 on the first overdue day).</summary>
public sealed record Deadline(DateTimeOffset DueAt, int WorkingDaysLeft)
{
    public bool IsOverdue => WorkingDaysLeft < 0;

    public int WorkingDaysOverdue => Math.Max(0, -WorkingDaysLeft);
}

/// <summary>The key figures of a declaration as it is now.</summary>
/// <param name="Stage">Route stage name (Draft, OfficeReview …); shown through <c>StageLabels</c>.</param>
/// <param name="SectionName">The 科室 that declares it.</param>
public sealed record DeclarationSummary(
    string Name,
    string Code,
    string SectionName,
    decimal? CurrentYearAmountYuan,
    string Stage,
    int Version)
{
    /// <summary>The plain status when the mail is written (已退回, 待办公室审核 …; docs/domain.md), null when not known.</summary>
    public string? Status { get; init; }

    /// <summary>Who acts next ("下一步：办公室 陈主任 审核，截止 12月17日"); null when nobody is to act.</summary>
    public string? NextStep { get; init; }
}

/// <summary>A reviewer's comment on one field (退回 with comments per field).</summary>
public sealed record FieldComment(string Label, string Comment);

/// <summary>
/// DeclarationSubmitted, DeclarationReturned, DeclarationAccepted, FinanceReturned: someone acted on one declaration.
/// </summary>
public sealed record DeclarationMailModel : MailModel
{
    /// <summary>Who acted, e.g. 李娜.</summary>
    public required string ActorName { get; init; }

    /// <summary>The actor's unit, e.g. 办公室 or the 科室's name.</summary>
    public string? ActorUnit { get; init; }

    public required DeclarationSummary Declaration { get; init; }

    /// <summary>Changes since <see cref="DiffSinceVersion"/>; null when there is nothing to compare with (first submission).</summary>
    public DeclarationDiff? Diff { get; init; }

    /// <summary>The version the recipient last saw (or the previous submission) the diff starts from.</summary>
    public int? DiffSinceVersion { get; init; }

    /// <summary>The reviewer's overall comment (退回 reason, finance's remark).</summary>
    public string? Comment { get; init; }

    public IReadOnlyList<FieldComment> FieldComments { get; init; } = [];

    /// <summary>For a return: the stage it leaves and the one it goes back to.</summary>
    public string? FromStage { get; init; }

    public string? ToStage { get; init; }
}

/// <summary>TaskAssigned, TaskDueSoon, TaskOverdue, TaskEscalated, TaskUrged: a task someone must do by a deadline.</summary>
public sealed record TaskMailModel : MailModel
{
    /// <summary>What must be done, e.g. 审核申报表 or 起草申报表.</summary>
    public required string TaskTitle { get; init; }

    /// <summary>Who holds the task (the recipient, or for an escalation the colleague who is late).</summary>
    public required string AssigneeName { get; init; }

    /// <summary>The assignee's unit (科室 or 办公室).</summary>
    public string? AssigneeUnit { get; init; }

    /// <summary>Who assigned or forwarded (转办) it; null when the route opened it.</summary>
    public string? AssignedBy { get; init; }

    /// <summary>The declaration the task is about, if any (a package task has none).</summary>
    public DeclarationSummary? Declaration { get; init; }

    /// <summary>TaskUrged: who in the office sent the 催办, and what they wrote.</summary>
    public string? UrgedBy { get; init; }

    public string? Note { get; init; }

    public DeclarationDiff? Diff { get; init; }

    public int? DiffSinceVersion { get; init; }
}

/// <summary>
/// TaskRemindersDigested: one recipient's reminders (or escalations) of a day in one mail, most urgent first; also
/// TaskDeadlinesMoved: the due dates of a recipient's tasks that a calendar change moved. At most
/// <see cref="MaxListed"/> are listed; the rest are counted.
/// </summary>
public sealed record DigestMailModel : MailModel
{
    public const int MaxListed = 50;

    /// <summary>"reminders" (due soon / overdue, to the holder), "escalations" (to 科室负责人 and 办公室) or "deadlines" (due dates a calendar change moved, to the holder).</summary>
    public required string Kind { get; init; }

    /// <summary>The working day the digest is for.</summary>
    public required DateOnly Day { get; init; }

    /// <summary>The items listed, most urgent first.</summary>
    public required IReadOnlyList<DigestMailItem> Items { get; init; }

    /// <summary>All items of the digest, listed or not.</summary>
    public required int TotalCount { get; init; }

    /// <summary>How many of all items are overdue.</summary>
    public required int OverdueCount { get; init; }

    public int UnlistedCount => TotalCount - Items.Count;

    /// <summary>TaskDeadlinesMoved: what changed in the calendar ("2026-12-17（星期四）设为节假日（临时放假）"); null otherwise.</summary>
    public string? Reason { get; init; }
}

/// <summary>One task in a digest: the declaration (or the package), 科室, stage, what to do, who holds it, the deadline, the page.</summary>
/// <param name="Name">The declaration's name, or the package's title for a package task.</param>
/// <param name="Stage">Route stage name of the declaration; null for a package task.</param>
/// <param name="HolderName">Who holds the task; set in escalation digests only.</param>
public sealed record DigestMailItem(
    string Name,
    string? SectionName,
    string? Stage,
    string TaskTitle,
    string? HolderName,
    Deadline Deadline,
    MailLink Link)
{
    /// <summary>TaskDeadlinesMoved: the due time before the calendar change; null in reminder digests.</summary>
    public DateTimeOffset? PreviousDueAt { get; init; }
}

/// <summary>
/// OfficeReviewsDigested: the 【待审核】 notices held for one office user (hourly or daily digest), oldest submission
/// first. At most <see cref="MaxListed"/> are listed; the rest are counted.
/// </summary>
public sealed record ReviewDigestMailModel : MailModel
{
    public const int MaxListed = 50;

    /// <summary>How the recipient gets these notices: 每小时汇总 or 每日汇总 (ReviewNoticeLabels).</summary>
    public required string ModeLabel { get; init; }

    public required IReadOnlyList<ReviewDigestMailItem> Items { get; init; }

    /// <summary>All declarations of the digest, listed or not.</summary>
    public required int TotalCount { get; init; }

    public int UnlistedCount => TotalCount - Items.Count;
}

/// <summary>One submitted declaration in a 【待审核】 digest: 项目名称, 科室, when it was submitted, the 修改说明, the review page.</summary>
/// <param name="Resubmitted">A resubmission: <paramref name="Comment"/> is then the 修改说明 (otherwise the 提交说明).</param>
public sealed record ReviewDigestMailItem(
    string Name,
    string SectionName,
    DateTimeOffset SubmittedAt,
    bool Resubmitted,
    string? Comment,
    MailLink Link);

/// <summary>PackageSubmittedForReview, PackageApproved, PackageSubmittedToFinance: the bureau's package moved on.</summary>
public sealed record PackageMailModel : MailModel
{
    public required string ActorName { get; init; }

    public string? ActorUnit { get; init; }

    public required PackageTotals Totals { get; init; }

    /// <summary>A remark made with the action (e.g. the leader's approval note).</summary>
    public string? Comment { get; init; }
}

/// <summary>The package totals, computed from the declarations (never typed), in 元.</summary>
public sealed record PackageTotals(
    int DeclarationCount,
    decimal CurrentYearAmountYuan,
    IReadOnlyList<PackageTotalRow> ByProjectType,
    IReadOnlyList<PackageTotalRow> BySection);

/// <summary>One line of a package total: a 项目类型 or a 科室, how many declarations and their 本年度项目金额 in 元.</summary>
public sealed record PackageTotalRow(string Label, int Count, decimal CurrentYearAmountYuan);
