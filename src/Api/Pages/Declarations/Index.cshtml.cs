using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Pages.Declarations;

/// <summary>我的申报: the declarations this user may see, with stage, due date and findings; filters by cycle and stage.</summary>
public sealed class IndexModel(DeclarationWorkflow workflow, PerfWorkflowDbContext db, IWorkingDayCalendar calendar, TimeProvider clock) : PageModel
{
    public sealed record Row(Guid Id, int CycleYear, string Section, string Name, string Code, string Stage, DueStatus Due, int Errors, int Warnings);

    [BindProperty(SupportsGet = true)]
    public int? Cycle { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    public IReadOnlyList<int> Cycles { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public bool CanCreate { get; private set; }

    public bool IsSection { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = HttpContext.ToActor();
        IsSection = actor.Role.IsSection();
        CanCreate = IsSection && await db.BudgetCycles.AnyAsync(ct);
        Cycles = await db.BudgetCycles.AsNoTracking().OrderByDescending(c => c.Year).Select(c => c.Year).ToListAsync(ct);
        var query = workflow.VisibleTo(actor).AsNoTracking();
        if (Cycle is { } year)
        {
            query = query.Where(d => d.CycleYear == year);
        }
        if (Enum.TryParse<DeclarationStage>(Stage, ignoreCase: true, out var stage))
        {
            query = query.Where(d => d.Stage == stage);
        }
        var sections = await db.Sections.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var now = clock.GetUtcNow();
        var declarations = await query.OrderByDescending(d => d.CycleYear).ThenBy(d => d.SectionId).ThenBy(d => d.Name).Take(2000).ToListAsync(ct);
        Rows = declarations.Select(d => new Row(
            d.Id, d.CycleYear, sections.GetValueOrDefault(d.SectionId, d.SectionId), d.Name, d.Code,
            StageLabels.For(d.Stage.ToString()), DueStatus.Of(d.DueAt, now, calendar), d.ErrorCount, d.WarningCount)).ToList();
    }
}
