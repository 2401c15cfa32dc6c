using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Persistence;
using PerfWorkflow.Workflows.Route.Calendar;

namespace PerfWorkflow.Api.Pages.Admin;

/// <summary><c>/admin</c>, the admin's home: what needs attention — failed mail, dead letters, the calendar's years.</summary>
[Authorize(Policy = PortalPolicies.Admin)]
public sealed class IndexModel(PerfWorkflowDbContext db, WorkingDayCalendar calendar, TimeProvider clock) : PageModel
{
    public int FailedMails { get; private set; }

    public int PendingMails { get; private set; }

    public int DeadLetters { get; private set; }

    public int OutboxBacklog { get; private set; }

    public IReadOnlyList<(int Year, CalendarYearStatus Status)> CalendarYears { get; private set; } = [];

    public int CalendarEdits { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        FailedMails = await MailModel.Failed(db).CountAsync(ct);
        PendingMails = await MailModel.LongPending(db, now).CountAsync(ct);
        DeadLetters = await db.DeadLetterMessages.CountAsync(ct);
        OutboxBacklog = await db.OutboxMessages.CountAsync(ct);
        var today = ChinaTime.Today(clock);
        CalendarYears = [.. new[] { today.Year, today.Year + 1 }.Select(y => (y, calendar.GetYearStatus(y)))];
        CalendarEdits = calendar.Overrides.Count;
        return Page();
    }
}
