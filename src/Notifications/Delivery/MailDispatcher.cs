using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PerfWorkflow.Notifications.Mail;
using PerfWorkflow.Notifications.Rendering;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Notifications.Delivery;

/// <summary>Someone an email goes to: the user (for action links) and the address and name on the envelope.</summary>
public sealed record MailRecipient(Guid UserId, string Address, string Name);

/// <summary>
/// Sends one email per (event, recipient, template) at most once, and never acknowledges one before it was sent or left
/// durably scheduled (docs/adr/007-crash-safe-mail-delivery.md). The delivery log row is claimed with a short lease that
/// the sender renews while the SMTP exchange lasts, so a claim of a crashed process lapses within seconds; a consumer
/// that finds the row claimed throws <see cref="MailClaimHeldException"/> so its message is retried rather than
/// acknowledged; the row keeps the event so the recovery sweep can re-drive it. A permanent refusal is recorded as
/// Failed; a transient error is recorded and rethrown so the consumer's retry policy tries again. The Message-ID is
/// derived from the row, so a resend after a crash between the SMTP server's acceptance and the log write carries the
/// same Message-ID and mail clients fold the two.
/// </summary>
public sealed class MailDispatcher(
    PerfWorkflowDbContext db,
    MailTemplates templates,
    IMailSender sender,
    TimeProvider time,
    ConsumedEvent consumed,
    IOptions<MailDeliveryOptions> options,
    ILogger<MailDispatcher> logger)
{
    private const int MaxErrorLength = 2000;

    private const int MaxSubjectLength = 500;

    private readonly TimeSpan _lease = options.Value.Lease;

    /// <summary>The Message-ID of the email of delivery log row <paramref name="rowId"/>: the same for every attempt.</summary>
    public static string MessageIdOf(Guid eventId, long rowId) => $"{eventId:N}.{rowId}@perfworkflow";

    /// <summary>
    /// Renders (only when the email is still due) and sends <paramref name="template"/> to <paramref name="recipient"/>.
    /// Returns the status the log holds afterwards; throws <see cref="MailClaimHeldException"/> while another consumer
    /// holds the claim.
    /// </summary>
    public async Task<MailDeliveryStatus> SendOnceAsync(
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
            var envelope = mail.ToEnvelope(address, recipient.Name) with { MessageId = MessageIdOf(eventId, claimed) };
            await SendHoldingClaimAsync(claimed, envelope, ct);
        }
        catch (PermanentMailException ex)
        {
            logger.LogWarning("Mail {Template} for event {EventId} to {Recipient} refused for good: {Error}", template, eventId, address, ex.Message);
            await RecordAsync(claimed, MailDeliveryStatus.Failed, subject, ex.Message, sentAt: null, leaseUntil: null);
            return MailDeliveryStatus.Failed;
        }
        catch (Exception ex)
        {
            // Release the claim at once (a lease that ends now) so the retry, a redelivery elsewhere or, failing those,
            // the recovery sweep can send without waiting.
            await RecordAsync(claimed, MailDeliveryStatus.Pending, subject, ex.Message, sentAt: null, leaseUntil: time.GetUtcNow());
            throw;
        }
        await RecordAsync(claimed, MailDeliveryStatus.Sent, subject, error: null, time.GetUtcNow(), leaseUntil: null);
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

    /// <summary>Sends while renewing the claim every third of the lease, so a slow SMTP exchange is never taken over.</summary>
    private async Task SendHoldingClaimAsync(long claimed, MailEnvelope envelope, CancellationToken ct)
    {
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heartbeat = RenewWhileSendingAsync(claimed, sending.Token);
        using var span = PerfWorkflow.Workflows.Telemetry.PerfWorkflowTelemetry.Source.StartActivity("mail.send", System.Diagnostics.ActivityKind.Client);
        span?.SetTag("perfworkflow.message_id", envelope.MessageId);
        try
        {
            await sender.SendAsync(envelope, ct);
        }
        catch (Exception ex)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
        finally
        {
            await sending.CancelAsync();
            await heartbeat;
        }
    }

    private async Task RenewWhileSendingAsync(long claimed, CancellationToken sending)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_lease / 3, time, sending);
                var until = time.GetUtcNow() + _lease;
                await db.MailDeliveries
                    .Where(d => d.Id == claimed && d.Status == MailDeliveryStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, until), sending);
            }
            catch (OperationCanceledException) when (sending.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The send goes on; at worst the claim lapses and a second consumer sends with the same Message-ID.
                logger.LogWarning(ex, "Could not renew the claim on mail delivery {DeliveryId}", claimed);
            }
        }
    }

    /// <summary>The row id when this call may send now; otherwise null and the final status that stops it.</summary>
    private async Task<(long? Id, MailDeliveryStatus Status)> ClaimAsync(Guid eventId, string template, string address, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var existing = await Find(eventId, template, address).Select(d => new { d.Id, d.Status, d.EventPayload }).FirstOrDefaultAsync(ct);
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
                LeaseUntil = now + _lease,
                EventType = consumed.Type,
                EventPayload = consumed.Payload,
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
                    // A concurrent consumer of the same event inserted it first and sends; this message is retried and
                    // then finds the outcome (or the lapsed claim of a consumer that died).
                    throw new MailClaimHeldException(eventId, template, address);
                }
                throw;
            }
        }
        if (existing.Status != MailDeliveryStatus.Pending)
        {
            return (null, existing.Status);
        }
        var until = now + _lease;
        var type = consumed.Type;
        var payload = consumed.Payload;
        var claimed = existing.EventPayload is null && payload is not null
            ? await Claimable(existing.Id, now).ExecuteUpdateAsync(
                s => s.SetProperty(d => d.LeaseUntil, until)
                    .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                    .SetProperty(d => d.EventType, type)
                    .SetProperty(d => d.EventPayload, payload), ct)
            : await Claimable(existing.Id, now).ExecuteUpdateAsync(
                s => s.SetProperty(d => d.LeaseUntil, until).SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        return claimed == 1 ? (existing.Id, MailDeliveryStatus.Pending) : throw new MailClaimHeldException(eventId, template, address);
    }

    private IQueryable<MailDelivery> Claimable(long id, DateTimeOffset now) =>
        db.MailDeliveries.Where(d => d.Id == id && d.Status == MailDeliveryStatus.Pending && (d.LeaseUntil == null || d.LeaseUntil < now));

    private IQueryable<MailDelivery> Find(Guid eventId, string template, string address) =>
        db.MailDeliveries.AsNoTracking().Where(d => d.EventId == eventId && d.Recipient == address && d.Template == template);

    // Not cancellable: the outcome of a send that happened must reach the log even while the host stops.
    private Task RecordAsync(long id, MailDeliveryStatus status, string? subject, string? error, DateTimeOffset? sentAt, DateTimeOffset? leaseUntil)
    {
        var lastError = error is null ? null : error[..Math.Min(error.Length, MaxErrorLength)];
        return db.MailDeliveries.Where(d => d.Id == id).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.Status, status)
                .SetProperty(d => d.Subject, d => subject ?? d.Subject)
                .SetProperty(d => d.LastError, lastError)
                .SetProperty(d => d.SentAt, sentAt)
                .SetProperty(d => d.LeaseUntil, leaseUntil),
            CancellationToken.None);
    }
}

/// <summary>
/// Another consumer holds the claim on this email. Thrown rather than acknowledged: the message is retried, and a claim
/// of a process that died lapses within the lease, after which the retry sends.
/// </summary>
public sealed class MailClaimHeldException(Guid eventId, string template, string recipient)
    : Exception($"Mail {template} of event {eventId} to {recipient} is being sent by another consumer; retried later");
