using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Workflows.Route;

/// <summary>One declaration of a batch: its id and the version the user saw when selecting it.</summary>
public sealed record BatchItem(Guid Id, int? ExpectedVersion);

/// <summary>What became of one declaration of a batch: the action's outcome and the stage it is in now.</summary>
public sealed record BatchItemResult(Guid Id, ActionOutcome Outcome, string? Stage, int? Version)
{
    public bool Ok => Outcome is ActionOutcome.Done;
}

/// <summary>
/// The same action on many declarations (the office's and leaders' lists): each declaration is its own transaction, so
/// one stale or refused declaration is reported and the others are still done.
/// </summary>
public sealed class DeclarationBatch(DeclarationWorkflow workflow, PerfWorkflowDbContext db)
{
    /// <summary>More than this in one request is refused: a page never shows more, and one request stays short.</summary>
    public const int MaxItems = 500;

    /// <summary>转办 names one person per task, so it is not offered for many declarations at once.</summary>
    public static bool IsBatchable(string action) => ActionNames.All.Contains(action) && action != ActionNames.Reassign;

    public async Task<IReadOnlyList<BatchItemResult>> ActAsync(
        Actor actor, string action, IReadOnlyList<BatchItem> items, ActionRequest request, CancellationToken ct)
    {
        var results = new List<BatchItemResult>(items.Count);
        foreach (var item in items.DistinctBy(i => i.Id))
        {
            ActionOutcome outcome;
            try
            {
                outcome = await workflow.ActAsync(actor, item.Id, action, request with { ExpectedVersion = item.ExpectedVersion }, null, ct);
            }
            catch (DbUpdateException)
            {
                // A failed save of one declaration (a constraint, a lost connection) must not undo or hide the others.
                outcome = new ActionOutcome.BadRequest("保存失败，这张申报表未处理，请稍后重试。");
            }
            // The next declaration starts from a clean unit of work: nothing of a refused one may be saved with it.
            db.ChangeTracker.Clear();
            var current = outcome is ActionOutcome.Done { Declaration: { } done }
                ? ((string?)done.Stage.ToString(), (int?)done.Version)
                : await workflow.VisibleTo(actor).AsNoTracking().Where(d => d.Id == item.Id)
                    .Select(d => new { Stage = d.Stage.ToString(), d.Version })
                    .FirstOrDefaultAsync(ct) is { } row ? (row.Stage, row.Version) : (null, null);
            results.Add(new BatchItemResult(item.Id, outcome, current.Item1, current.Item2));
        }
        return results;
    }
}
