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

    private IQueryable<DeclarationVersion> Submissions(Guid declarationId, int shownVersion) =>
        db.DeclarationVersions.AsNoTracking()
            .Where(v => v.DeclarationId == declarationId && v.Reason == VersionReason.Submitted && v.Number < shownVersion)
            .OrderByDescending(v => v.Number);
}
