using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Pages;

/// <summary>
/// Whose turn it is on a declaration: its plain status (已退回 by whom and when, 待办公室审核 …) and the next step
/// ("下一步：办公室 陈主任 审核，截止 12月17日") from its open task.
/// </summary>
public sealed record NextStep(string Status, string? ReturnedBy, string? Line)
{
    public static async Task<NextStep> OfAsync(PerfWorkflowDbContext db, Declaration declaration, string sectionName, CancellationToken ct)
    {
        var lastReturn = await db.AuditEvents.AsNoTracking()
            .Where(a => a.DeclarationId == declaration.Id && a.Action == ActionNames.Return)
            .OrderByDescending(a => a.Id).Select(a => new { a.ActorName, a.At, a.Version }).FirstOrDefaultAsync(ct);
        var returned = lastReturn is not null && lastReturn.Version > (declaration.LastSubmittedVersion ?? 0);
        var status = RouteLabels.Status(declaration.Stage, returned, returned && declaration.ReturnedByFinance);
        var returnedBy = returned ? $"{lastReturn!.ActorName} 于 {ChinaTime.ToChina(lastReturn.At).ToString("M月d日 HH:mm", CultureInfo.InvariantCulture)} 退回" : null;

        var task = await db.Tasks.AsNoTracking()
            .Where(t => t.DeclarationId == declaration.Id && t.CompletedAt == null)
            .OrderByDescending(t => t.CreatedAt).FirstOrDefaultAsync(ct);
        if (task is null)
        {
            return new NextStep(status, returnedBy, null);
        }
        var group = task.CandidateRole is UserRole.SectionDrafter or UserRole.SectionHead ? sectionName : RouteLabels.Group(task.CandidateRole);
        var who = task.AssigneeName is { Length: > 0 } name ? $"{group} {name}" : group;
        var due = task.DueAt is { } at ? "，截止 " + ChinaTime.ToChina(at).ToString("M月d日", CultureInfo.InvariantCulture) : "";
        return new NextStep(status, returnedBy, $"下一步：{who} {RouteLabels.TaskVerb(task.Kind, returned)}{due}");
    }
}
