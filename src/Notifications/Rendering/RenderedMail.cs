namespace PerfWorkflow.Notifications.Rendering;

/// <summary>One email as rendered for one recipient: a single-line subject, the HTML part and the plain-text part.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text);
