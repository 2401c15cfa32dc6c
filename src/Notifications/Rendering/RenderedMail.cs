using PerfWorkflow.Notifications.Mail;

namespace PerfWorkflow.Notifications.Rendering;

/// <summary>One email as rendered for one recipient: a single-line subject, the HTML part and the plain-text part.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text)
{
    /// <summary>The envelope a sender takes, addressed to one recipient.</summary>
    public MailEnvelope ToEnvelope(string toAddress, string toName) => new(toAddress, toName, Subject, Html, Text);
}
