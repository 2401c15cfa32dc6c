namespace PerfWorkflow.Notifications.Rendering;

/// <summary>A mail template is missing or does not parse; thrown at start-up, naming the file and Scriban's message.</summary>
public sealed class MailTemplateException : Exception
{
    public MailTemplateException(string message)
        : base(message)
    {
    }

    public MailTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailTemplateException()
    {
    }
}
