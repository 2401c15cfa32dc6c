using MimeKit;

namespace PerfWorkflow.Notifications.Mail;

/// <summary>Builds the MIME message both senders write: multipart/alternative, UTF-8, plain text first.</summary>
internal static class MimeMessageFactory
{
    public static MimeMessage Create(MailEnvelope envelope, string fromAddress, string fromName, DateTimeOffset date)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        message.To.Add(new MailboxAddress(envelope.ToName, envelope.ToAddress));
        message.Subject = envelope.Subject;
        message.Date = date;
        if (envelope.MessageId is not null)
        {
            message.MessageId = envelope.MessageId;
        }
        var body = new BodyBuilder { TextBody = envelope.TextBody, HtmlBody = envelope.HtmlBody };
        message.Body = body.ToMessageBody();
        return message;
    }
}
