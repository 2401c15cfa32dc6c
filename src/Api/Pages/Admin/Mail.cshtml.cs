using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Api.Auth;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Pages.Admin;

/// <summary>
/// <c>/admin/mail</c>: emails the mail server refused for good, and emails still not sent long after they were queued;
/// newest first, fifty a page. Read-only, so the office may look too (it phones the 科室 a reminder did not reach).
/// </summary>
[Authorize(Policy = PortalPolicies.Office)]
public sealed class MailModel(PerfWorkflowDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    /// <summary>A pending email older than this is listed: retries with backoff normally finish well within it.</summary>
    public static readonly TimeSpan PendingThreshold = TimeSpan.FromMinutes(30);

    /// <summary>"failed" (default) or "pending".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Show { get; set; }

    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public bool ShowsPending => Show == "pending";

    public int FailedCount { get; private set; }

    public int PendingCount { get; private set; }

    public Pager Pager { get; private set; } = null!;

    public IReadOnlyList<MailDelivery> Rows { get; private set; } = [];

    public static IQueryable<MailDelivery> Failed(PerfWorkflowDbContext db) =>
        db.MailDeliveries.AsNoTracking().Where(d => d.Status == MailDeliveryStatus.Failed);

    public static IQueryable<MailDelivery> LongPending(PerfWorkflowDbContext db, DateTimeOffset now)
    {
        var queuedBefore = now - PendingThreshold;
        return db.MailDeliveries.AsNoTracking().Where(d => d.Status == MailDeliveryStatus.Pending && d.CreatedAt < queuedBefore);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        FailedCount = await Failed(db).CountAsync(ct);
        PendingCount = await LongPending(db, now).CountAsync(ct);
        var show = ShowsPending ? "pending" : "failed";
        Pager = new Pager(PageNumber, ShowsPending ? PendingCount : FailedCount, PageSize, p => $"/admin/mail?show={show}&p={p}", "分页");
        var query = ShowsPending ? LongPending(db, now) : Failed(db);
        Rows = await query.OrderByDescending(d => d.Id).Skip(Pager.Skip).Take(PageSize).ToListAsync(ct);
        return Page();
    }
}
