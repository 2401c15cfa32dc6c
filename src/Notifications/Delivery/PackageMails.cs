using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Contracts;
using PerfWorkflow.Workflows.Packages;
using PerfWorkflow.Workflows.Persistence;
using WorkflowTotals = PerfWorkflow.Workflows.Packages.PackageTotals;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>What an event about the bureau's package says.</summary>
public sealed record PackageNotice(string Template, Guid EventId, int CycleYear, Guid ActorId, DateTimeOffset At);

/// <summary>Sends the emails of PackageSubmittedForReview, PackageApproved and PackageSubmittedToFinance.</summary>
public sealed class PackageMails(
    PerfWorkflowDbContext db,
    PackageWorkflow packages,
    MailFacts facts,
    Recipients recipients,
    MailDispatcher dispatcher)
{
    public async Task SendAsync(PackageNotice notice, IEnumerable<Audience> audiences, CancellationToken ct)
    {
        // What went to finance is the frozen snapshot; before that the live totals are what the reader will see.
        var package = notice.Template == nameof(PackageSubmittedToFinance)
            ? await db.Packages.AsNoTracking().FirstOrDefaultAsync(p => p.CycleYear == notice.CycleYear, ct)
            : null;
        var totals = (package is null ? null : PackageWorkflow.ReadSnapshot(package)?.Totals)
            ?? await packages.ComputeTotalsAsync(notice.CycleYear, ct);
        var (actorName, actorUnit) = await facts.PersonAsync(notice.ActorId, ct);
        var to = await recipients.OfAsync(audiences, ct);
        var model = ToModel(totals);

        await dispatcher.SendToAllAsync(notice.EventId, notice.Template, to, recipient => new PackageMailModel
        {
            RecipientName = recipient.Name,
            CycleYear = notice.CycleYear,
            At = notice.At,
            PortalUrl = facts.PortalUrl,
            ActorName = actorName,
            ActorUnit = actorUnit,
            Totals = model,
            Links = [facts.PortalLink("查看汇总", $"/package?cycle={notice.CycleYear}")],
        }, ct);
    }

    private static Rendering.PackageTotals ToModel(WorkflowTotals totals) => new(
        totals.DeclarationCount,
        totals.BureauTotalYuan,
        totals.ByProjectType.Select(ToRow).ToList(),
        totals.BySection.Select(ToRow).ToList());

    private static PackageTotalRow ToRow(PackageTotalLine line) => new(line.Label, line.Count, line.AmountYuan);
}
