using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PerfWorkflow.Notifications.Mail;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>Someone an email goes to: the user (for action links) and the address and name on the envelope.</summary>
public sealed record MailRecipient(Guid UserId, string Address, string Name);

/// <summary>
/// Sends one email per (event, recipient, template) at most once (docs/architecture.md §5). The delivery log row is claimed with a
/// short lease so two consumers of a redelivered event never both send; a permanent refusal is recorded as Failed; a
/// transient error is recorded and rethrown so the consumer's retry policy tries again.
/// </summary>
public sealed class MailDispatcher(
    PerfWorkflowDbContext db,
    MailTemplates templates,
    IMailSender sender,
    TimeProvider time,
    ILogger<MailDispatcher> logger)
{
    /// <summary>How long a claim keeps other consumers away; longer than any SMTP timeout.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    private const int MaxErrorLength = 2000;

    private const int MaxSubjectLength = 500;

    /// <summary>
    /// Renders (only when the email is still due) and sends <paramref name="template"/> to <paramref name="recipient"/>.
    /// Returns the status the log holds afterwards, or null when another consumer is sending it right now.
    /// </summary>
    public async Task<MailDeliveryStatus?> SendOnceAsync(
        Guid eventId, string template, MailRecipient recipient, Func<MailModel> model, CancellationToken ct)
    {
        var address = recipient.Address.Trim();
        var (id, status) = await ClaimAsync(eventId, template, address, ct);
        if (id is not { } claimed)
        {
            return status;
        }
        string? subject = null;
        try
        {
            var mail = templates.Render(template, model());
            subject = mail.Subject.Length > MaxSubjectLength ? mail.Subject[..MaxSubjectLength] : mail.Subject;
            var envelope = mail.ToEnvelope(address, recipient.Name) with { MessageId = $"{eventId:N}.{claimed}@perfworkflow" };
            await sender.SendAsync(envelope, ct);
        }
        catch (PermanentMailException ex)
        {
            logger.LogWarning("Mail {Template} for event {EventId} to {Recipient} refused for good: {Error}", template, eventId, address, ex.Message);
            await RecordAsync(claimed, MailDeliveryStatus.Failed, subject, ex.Message, sentAt: null);
            return MailDeliveryStatus.Failed;
        }
        catch (Exception ex)
        {
            // Release the claim at once so the retry (or a redelivery elsewhere) can send without waiting for the lease.
            await RecordAsync(claimed, MailDeliveryStatus.Pending, subject, ex.Message, sentAt: null);
            throw;
        }
        await RecordAsync(claimed, MailDeliveryStatus.Sent, subject, error: null, time.GetUtcNow());
        return MailDeliveryStatus.Sent;
    }

    /// <summary>
    /// Sends the email to every recipient once. A transient failure for one recipient does not hold up the others; the
    /// first such failure is rethrown at the end so a retry of the message sends what is still due.
    /// </summary>
    public async Task SendToAllAsync(
        Guid eventId, string template, IEnumerable<MailRecipient> recipients, Func<MailRecipient, MailModel> model, CancellationToken ct)
    {
        Exception? transient = null;
        foreach (var recipient in recipients)
        {
            try
            {
                await SendOnceAsync(eventId, template, recipient, () => model(recipient), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                transient ??= ex;
            }
        }
        if (transient is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(transient);
        }
    }

    /// <summary>The row id when this call may send now; otherwise null and the status that stops it.</summary>
    private async Task<(long? Id, MailDeliveryStatus? Status)> ClaimAsync(Guid eventId, string template, string address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var existing = await Find(eventId, template, address).Select(d => new { d.Id, d.Status }).FirstOrDefaultAsync(ct);
        if (existing is null)
        {
            var row = new MailDelivery
            {
                EventId = eventId,
                Recipient = address,
                Template = template,
                Status = MailDeliveryStatus.Pending,
                Attempts = 1,
                CreatedAt = now,
                LeaseUntil = now + Lease,
            };
            db.MailDeliveries.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return (row.Id, MailDeliveryStatus.Pending);
            }
            catch (DbUpdateException)
            {
                db.Entry(row).State = EntityState.Detached;
                if (await Find(eventId, template, address).AnyAsync(ct))
                {
                    // A concurrent consumer of the same event inserted it first; it sends.
                    return (null, null);
                }
                throw;
            }
        }
        if (existing.Status != MailDeliveryStatus.Pending)
        {
            return (null, existing.Status);
        }
        var claimed = await db.MailDeliveries
            .Where(d => d.Id == existing.Id && d.Status == MailDeliveryStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, now + Lease).SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        return claimed == 1 ? (existing.Id, MailDeliveryStatus.Pending) : (null, null);
    }

    private IQueryable<MailDelivery> Find(Guid eventId, string template, string address) =>
        db.MailDeliveries.AsNoTracking().Where(d => d.EventId == eventId && d.Recipient == address && d.Template == template);

    // Not cancellable: the outcome of a send that happened must reach the log even while the host stops.
    private Task RecordAsync(long id, MailDeliveryStatus status, string? subject, string? error, DateTimeOffset? sentAt)
    {
        var lastError = error is null ? null : error[..Math.Min(error.Length, MaxErrorLength)];
        return db.MailDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.Status, status)
                .SetProperty(d => d.Subject, d => subject ?? d.Subject)
                .SetProperty(d => d.LastError, lastError)
                .SetProperty(d => d.SentAt, sentAt)
                .SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null),
            CancellationToken.None);
    }
}
