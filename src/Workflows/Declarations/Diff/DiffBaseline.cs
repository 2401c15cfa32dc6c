using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Workflows.Declarations.Diff;

/// <summary>
/// Which earlier version a reader's diff of a declaration starts from — one rule for the pages, the API and the emails:
/// the latest submission before the version the reader is shown. A draft (after a return or withdrawal) is shown as it
/// is now and compared with its last submission; a submitted declaration is shown as submitted and compared with the
/// submission before, so a reviewer sees what the 科室 changed since they last looked. Loads one snapshot, whatever the
/// length of the history.
/// </summary>
public sealed class DiffBaseline(PerfWorkflowDbContext db)
{
    /// <summary>The version number a reader of <paramref name="declaration"/> as it is now is shown against.</summary>
    public static int ShownVersion(Declaration declaration) =>
        declaration.Stage == DeclarationStage.Draft ? declaration.Version + 1 : declaration.LastSubmittedVersion ?? declaration.Version;

    /// <summary>The baseline snapshot (with its form) for a reader of the declaration as it is now; null when it was never submitted before.</summary>
    public Task<DeclarationVersion?> ForAsync(Declaration declaration, CancellationToken ct) =>
        SubmissionBeforeAsync(declaration.Id, ShownVersion(declaration), ct);

    /// <summary>The number of that snapshot, without its form.</summary>
    public Task<int?> NumberForAsync(Declaration declaration, CancellationToken ct) =>
        Submissions(declaration.Id, ShownVersion(declaration)).Select(v => (int?)v.Number).FirstOrDefaultAsync(ct);

    /// <summary>The latest submission snapshot numbered below <paramref name="shownVersion"/>, with its form.</summary>
    public Task<DeclarationVersion?> SubmissionBeforeAsync(Guid declarationId, int shownVersion, CancellationToken ct) =>
        Submissions(declarationId, shownVersion).FirstOrDefaultAsync(ct);

    /// <summary>
    /// The 修改说明 the drafter wrote with the submission a reader of the declaration now reviews: the comment of its last
    /// submit; null while it is a Draft (nothing submitted to review) or when the drafter wrote none.
    /// </summary>
    public async Task<SubmissionNote?> NoteForAsync(Declaration declaration, CancellationToken ct)
    {
        if (declaration.Stage == DeclarationStage.Draft || declaration.LastSubmittedVersion is null)
        {
            return null;
        }
        var submit = await db.AuditEvents.AsNoTracking()
            .Where(a => a.DeclarationId == declaration.Id && a.Action == ActionNames.Submit)
            .OrderByDescending(a => a.Id)
            .Select(a => new { a.Comment, a.ActorName, a.At })
            .FirstOrDefaultAsync(ct);
        return submit?.Comment is { Length: > 0 } text ? new SubmissionNote(text, submit.ActorName, submit.At) : null;
    }

    private IQueryable<DeclarationVersion> Submissions(Guid declarationId, int shownVersion) =>
        db.DeclarationVersions.AsNoTracking()
            .Where(v => v.DeclarationId == declarationId && v.Reason == VersionReason.Submitted && v.Number < shownVersion)
            .OrderByDescending(v => v.Number);
}

/// <summary>A drafter's 修改说明 written with a submission: what they changed and why, shown beside the diff and in the mail.</summary>
public sealed record SubmissionNote(string Text, string ByName, DateTimeOffset At);
