using PerfWorkflow.Workflows.Declarations;

namespace PerfWorkflow.Workflows.Route;

/// <summary>The answer to an action: done, or why not (each maps to one HTTP status and one page message).</summary>
public abstract record ActionOutcome
{
    /// <summary>Done; the declaration (or null for package actions) as saved.</summary>
    public sealed record Done(Declaration? Declaration) : ActionOutcome;

    /// <summary>No such declaration for this user (also when it exists but is not visible to them).</summary>
    public sealed record NotFound : ActionOutcome;

    /// <summary>Visible, but not this user's to act on (another 科室, wrong role) — 403.</summary>
    public sealed record Forbidden(string Message) : ActionOutcome;

    /// <summary>Not allowed in the current stage — 409 with the permitted actions.</summary>
    public sealed record NotPermitted(string Message, string Stage, IReadOnlyList<string> PermittedActions) : ActionOutcome;

    /// <summary>Someone changed it since the user loaded it — 409 naming who and when.</summary>
    public sealed record Stale(int CurrentVersion, string ChangedBy, DateTimeOffset ChangedAt) : ActionOutcome;

    /// <summary>Error-level findings block the action — 422 with the findings.</summary>
    public sealed record Invalid(IReadOnlyList<Finding> Findings) : ActionOutcome;

    /// <summary>Done too recently to be done again now (催办: once per holder and declaration per day) — 429.</summary>
    public sealed record TooSoon(string Message) : ActionOutcome;

    /// <summary>The request itself is incomplete (e.g. exclude without a reason) — 400.</summary>
    public sealed record BadRequest(string Message) : ActionOutcome;
}

/// <summary>The body of <c>POST …/actions/{action}</c>.</summary>
public sealed record ActionRequest
{
    /// <summary>The longest comment, reason or 修改说明 an action takes (a page of text; the edge refuses more).</summary>
    public const int MaxCommentLength = 2000;

    /// <summary>The overall comment: a reviewer's 退回意见, or the drafter's 修改说明 with a (re)submission.</summary>
    public string? Comment { get; init; }

    public int? ExpectedVersion { get; init; }

    /// <summary>For a bureau return: "office" or "section" (default "section").</summary>
    public string? To { get; init; }

    /// <summary>For exclude: the reason (required).</summary>
    public string? Reason { get; init; }

    /// <summary>For return: comments per field path (退回意见 by field).</summary>
    public IReadOnlyDictionary<string, string>? FieldComments { get; init; }

    /// <summary>For reassign (转办): the user name of the new assignee.</summary>
    public string? Assignee { get; init; }
}

/// <summary>How a form edit reached the server: it decides whether the edit is a version in 修改历史.</summary>
public enum SaveKind
{
    /// <summary>The API's PUT: a version only for an office edit (as before).</summary>
    Plain,

    /// <summary>The user pressed 保存: always a version.</summary>
    Explicit,

    /// <summary>The editor's autosave: the text is kept, no version, no audit entry.</summary>
    Auto,
}

/// <summary>
/// A create or save that comes from an uploaded file: the audit trail says "导入自 FILE"; the office names the 科室 a
/// new Draft belongs to.
/// </summary>
public sealed record ImportSource(string FileName, string? SectionId = null)
{
    public string AuditComment => $"导入自 {FileName}";
}
