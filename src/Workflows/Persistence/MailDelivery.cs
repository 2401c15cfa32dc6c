namespace PerfWorkflow.Workflows.Persistence;

/// <summary>Where one email of the delivery log stands.</summary>
public enum MailDeliveryStatus
{
    /// <summary>Claimed or waiting for a retry after a transient failure.</summary>
    Pending,

    /// <summary>The mail server accepted it; never sent again.</summary>
    Sent,

    /// <summary>The mail server refused it for good (5xx); shown to admins, not retried.</summary>
    Failed,
}

/// <summary>
/// One email per (event, recipient, template): the delivery log that makes sending idempotent under at-least-once
/// delivery (docs/adr/007-crash-safe-mail-delivery.md). A consumer claims the row with a short lease, sends, then records the outcome; a
/// Pending row whose claim lapsed is re-driven by the recovery sweep from the event stored on it.
/// </summary>
public sealed class MailDelivery
{
    public long Id { get; set; }

    /// <summary>The event's EventId, the idempotency key shared by every email the event causes.</summary>
    public Guid EventId { get; set; }

    public string Recipient { get; set; } = "";

    /// <summary>The template (event name) the email was rendered from.</summary>
    public string Template { get; set; } = "";

    public MailDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }

    public string? Subject { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>
    /// While in the future, a consumer is sending this email and no other may start; the sender renews it while the SMTP
    /// exchange lasts. Once past, the claim is free to take over (a released claim holds the time it was released).
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Full CLR type name of the event the email comes from, so the recovery sweep can re-drive it.</summary>
    public string? EventType { get; set; }

    /// <summary>The event as JSON (the outbox's form); with <see cref="EventType"/> what the recovery sweep republishes.</summary>
    public string? EventPayload { get; set; }
}
