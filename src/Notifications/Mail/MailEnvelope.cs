namespace PerfWorkflow.Notifications.Mail;

/// <summary>One rendered email to one recipient: subject, HTML and plain-text parts.</summary>
public sealed record MailEnvelope(
    string ToAddress,
    string ToName,
    string Subject,
    string HtmlBody,
    string TextBody)
{
    /// <summary>Message-Id to set on the email (stable per delivery so a retried send can be recognised).</summary>
    public string? MessageId { get; init; }
}

/// <summary>Sends a rendered email. SMTP in production, <c>.eml</c> files in the embedded profile.</summary>
public interface IMailSender
{
    Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>A send that must not be retried: the server rejected the recipient or the message for good.</summary>
public sealed class PermanentMailException(string message, Exception? inner = null) : Exception(message, inner);
