using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>The latest return (退回意见): the overall comment and the comments per field, and whether it is still pending.</summary>
public sealed record ReturnNotes(string? Overall, string By, DateTimeOffset At, bool Pending, IReadOnlyDictionary<string, IReadOnlyList<ReviewComment>> ByField)
{
    public IReadOnlyList<ReviewComment> For(string field) => ByField.TryGetValue(field, out var list) ? list : [];

    public static async Task<ReturnNotes?> LoadAsync(PerfWorkflowDbContext db, Declaration declaration, CancellationToken ct)
    {
        var lastReturn = await db.AuditEvents.AsNoTracking()
            .Where(a => a.DeclarationId == declaration.Id && a.Action == ActionNames.Return)
            .OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        if (lastReturn is null)
        {
            return null;
        }
        var comments = await db.ReviewComments.AsNoTracking()
            .Where(c => c.DeclarationId == declaration.Id && c.Version == lastReturn.Version).OrderBy(c => c.Id).ToListAsync(ct);
        // Pending until the 科室 submits again: a later submission supersedes the return.
        var pending = lastReturn.Version > (declaration.LastSubmittedVersion ?? 0);
        var byField = comments.GroupBy(c => c.Field).ToDictionary(g => g.Key, g => (IReadOnlyList<ReviewComment>)g.ToList());
        return new ReturnNotes(lastReturn.Comment, lastReturn.ActorName, lastReturn.At, pending, byField);
    }
}
