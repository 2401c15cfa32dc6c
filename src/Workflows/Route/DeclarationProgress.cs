using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Tasks;

namespace PerfWorkflow.Workflows.Route;

/// <summary>
/// Whose turn it is on a declaration (docs/domain.md, the route): its plain status (已退回 by whom and when, 待办公室审核 …)
/// and the next step ("下一步：办公室 陈主任 审核，截止 12月17日") from its open task. One rule for the pages, the lists and
/// the emails.
/// </summary>
/// <param name="Status">The plain status from <see cref="RouteLabels.Status"/>.</param>
/// <param name="ReturnedBy">"陈主任 于 12月3日 10:20 退回" while a return is pending; else null.</param>
/// <param name="NextStep">The next-step line; null when nobody is to act (已通过, 不纳入汇总, consolidated and waiting for the package).</param>
public sealed record DeclarationProgress(string Status, string? ReturnedBy, string? NextStep)
{
    public bool Returned => ReturnedBy is not null;

    /// <summary>The progress of one declaration: two small queries (its last return, its open task).</summary>
    public static async Task<DeclarationProgress> OfAsync(PerfWorkflowDbContext db, Declaration declaration, string sectionName, CancellationToken ct) =>
        (await OfManyAsync(db, [declaration], _ => sectionName, ct))[declaration.Id];

    /// <summary>The progress of many declarations (a list page) in two queries, whatever their number.</summary>
    public static async Task<IReadOnlyDictionary<Guid, DeclarationProgress>> OfManyAsync(
        PerfWorkflowDbContext db, IReadOnlyCollection<Declaration> declarations, Func<string, string> sectionName, CancellationToken ct)
    {
        // A pending return only exists where a declaration went back and was not submitted again: Draft or OfficeReview.
        var mayBeReturned = declarations.Where(d => d.Stage is DeclarationStage.Draft or DeclarationStage.OfficeReview && d.LastSubmittedVersion is not null)
            .Select(d => d.Id).ToList();
        var returns = mayBeReturned.Count == 0
            ? []
            : await db.AuditEvents.AsNoTracking()
                .Where(a => a.DeclarationId != null && mayBeReturned.Contains(a.DeclarationId.Value) && a.Action == ActionNames.Return)
                .Select(a => new { DeclarationId = a.DeclarationId!.Value, a.Id, a.ActorName, a.At, a.Version })
                .ToListAsync(ct);
        var lastReturn = returns.GroupBy(r => r.DeclarationId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);

        var active = declarations.Where(d => d.Stage is not (DeclarationStage.Finalized or DeclarationStage.Excluded)).Select(d => d.Id).ToList();
        var tasks = active.Count == 0
            ? []
            : await db.Tasks.AsNoTracking()
                .Where(t => t.DeclarationId != null && active.Contains(t.DeclarationId.Value) && t.CompletedAt == null)
                .ToListAsync(ct);
        var openTask = tasks.GroupBy(t => t.DeclarationId!.Value).ToDictionary(g => g.Key, g => g.MaxBy(t => t.CreatedAt)!);

        var result = new Dictionary<Guid, DeclarationProgress>(declarations.Count);
        foreach (var declaration in declarations)
        {
            var back = lastReturn.GetValueOrDefault(declaration.Id);
            var returned = back is not null && back.Version > (declaration.LastSubmittedVersion ?? 0);
            var status = RouteLabels.Status(declaration.Stage, returned, returned && declaration.ReturnedByFinance);
            var returnedBy = returned ? $"{back!.ActorName} 于 {DisplayFormat.MonthDayTime(back.At)} 退回" : null;
            var next = openTask.GetValueOrDefault(declaration.Id) is { } task ? Line(task, returned, sectionName(declaration.SectionId)) : null;
            result[declaration.Id] = new DeclarationProgress(status, returnedBy, next);
        }
        return result;
    }

    private static string Line(WorkTask task, bool returned, string sectionName)
    {
        var group = task.CandidateRole is UserRole.SectionDrafter or UserRole.SectionHead ? sectionName : RouteLabels.Group(task.CandidateRole);
        var who = task.AssigneeName is { Length: > 0 } name ? $"{group} {name}" : group;
        var due = task.DueAt is { } at ? "，截止 " + DisplayFormat.MonthDay(at) : "";
        return $"下一步：{who} {RouteLabels.TaskVerb(task.Kind, returned)}{due}";
    }
}
