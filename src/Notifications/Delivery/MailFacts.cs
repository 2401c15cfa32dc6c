using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Notifications.Links;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Declarations.Diff;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;
using Deadline = PerfWorkflow.Notifications.Rendering.Deadline;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>A declaration as an email shows it: key figures and the diff since the version its readers last saw.</summary>
public sealed record DeclarationFacts(
    Declaration Declaration,
    DeclarationSummary Summary,
    DeclarationDiff? Diff,
    int? DiffSinceVersion);

/// <summary>Loads what every email shares: declarations with their diff, people and units, deadlines in working days, portal links.</summary>
public sealed class MailFacts(
    PerfWorkflowDbContext db, DiffBaseline baseline, MailDirectory directory, IWorkingDayCalendar calendar, IActionLinkIssuer links)
{
    /// <summary>The declaration as it is now, without its versions; null when it does not exist.</summary>
    public Task<Declaration?> FindDeclarationAsync(Guid declarationId, CancellationToken ct) =>
        db.Declarations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == declarationId, ct);

    /// <summary>
    /// The declaration at <paramref name="version"/> and the diff from <paramref name="diffFrom"/> (or, when null, the
    /// baseline of <see cref="DiffBaseline"/>) to the latest snapshot at or before <paramref name="version"/>. Null when it
    /// does not exist.
    /// </summary>
    public async Task<DeclarationFacts?> DeclarationAsync(Guid declarationId, int version, int? diffFrom, CancellationToken ct) =>
        await FindDeclarationAsync(declarationId, ct) is { } declaration ? await DeclarationAsync(declaration, version, diffFrom, ct) : null;

    /// <summary>The same for a declaration already loaded. Reads the two snapshots it compares and no other.</summary>
    public async Task<DeclarationFacts> DeclarationAsync(Declaration declaration, int version, int? diffFrom, CancellationToken ct)
    {
        var to = await db.DeclarationVersions.AsNoTracking()
            .Where(v => v.DeclarationId == declaration.Id && v.Number <= version)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(ct);
        DeclarationVersion? from = null;
        if (to is not null)
        {
            from = diffFrom is { } number
                ? number == to.Number ? to : await db.DeclarationVersions.AsNoTracking().FirstOrDefaultAsync(v => v.DeclarationId == declaration.Id && v.Number == number, ct)
                : await baseline.SubmissionBeforeAsync(declaration.Id, to.Number, ct);
        }
        DeclarationDiff? diff = null;
        if (to is not null && from is not null && from.Number != to.Number)
        {
            diff = DeclarationDiff.Compare(Read(from.FormJson), Read(to.FormJson));
        }
        var sectionName = await SectionNameAsync(declaration.SectionId, ct);
        var progress = await DeclarationProgress.OfAsync(db, declaration, sectionName, ct);
        var summary = new DeclarationSummary(
            declaration.Name,
            declaration.Code,
            sectionName,
            declaration.CurrentYearAmountYuan,
            declaration.Stage.ToString(),
            Math.Min(version, declaration.Version))
        {
            Status = progress.Status + (progress.ReturnedBy is { } by ? $"（{by}）" : ""),
            NextStep = progress.NextStep,
        };
        return new DeclarationFacts(declaration, summary, diff, diff is null ? null : from!.Number);
    }

    /// <summary>The reviewer's per-field comments saved with the given version.</summary>
    public async Task<IReadOnlyList<FieldComment>> FieldCommentsAsync(Guid declarationId, int version, CancellationToken ct)
    {
        var comments = await db.ReviewComments.AsNoTracking()
            .Where(c => c.DeclarationId == declarationId && c.Version == version)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Field, c.Comment })
            .ToListAsync(ct);
        return comments.Select(c => new FieldComment(FieldLabels.Of(c.Field), c.Comment)).ToList();
    }

    /// <summary>Name and unit (科室 or the bureau-wide role) of a user; a deleted user shows as 系统.</summary>
    public async Task<(string Name, string? Unit)> PersonAsync(Guid userId, CancellationToken ct)
    {
        var user = await directory.PersonAsync(db, userId, ct);
        return user is null ? ("系统", null) : (user.DisplayName, await UnitAsync(user.Role, user.SectionId, ct));
    }

    /// <summary>The unit a role acts for: the 科室's name for section roles, else the bureau-wide role's name.</summary>
    public async Task<string?> UnitAsync(UserRole role, string? sectionId, CancellationToken ct) => role switch
    {
        UserRole.SectionDrafter or UserRole.SectionHead => sectionId is null ? null : await SectionNameAsync(sectionId, ct),
        UserRole.Office => "办公室",
        UserRole.BureauLeader => "局领导",
        UserRole.FinanceLiaison => "区财政局",
        _ => null,
    };

    public Task<string> SectionNameAsync(string sectionId, CancellationToken ct) => directory.SectionNameAsync(db, sectionId, ct);

    /// <summary>The due time with working days left counted from the day of <paramref name="at"/> (China time).</summary>
    public Deadline? DeadlineAt(DateTimeOffset? dueAt, DateTimeOffset at) =>
        dueAt is { } due ? new Deadline(due, calendar.WorkingDaysBetween(ChinaDay(at), ChinaDay(due))) : null;

    public string PortalUrl => links.PortalLink("/").ToString();

    public MailLink PortalLink(string label, string path) => new(label, links.PortalLink(path).ToString());

    public MailLink ActionLink(string label, Guid taskId, string action, Guid recipientId, Guid declarationId, int version) =>
        new(label, links.IssueActionLink(taskId, action, recipientId, declarationId, version).ToString());

    public static string DeclarationPath(Guid declarationId) => $"/declarations/{declarationId}";

    private static DateOnly ChinaDay(DateTimeOffset instant) => DateOnly.FromDateTime(ChinaTime.ToChina(instant).DateTime);

    private static DeclarationForm Read(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<DeclarationForm>(json, DeclarationJson.Options) ?? new DeclarationForm();
}
