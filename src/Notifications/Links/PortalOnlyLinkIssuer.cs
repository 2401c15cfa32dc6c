namespace PerfWorkflow.Notifications.Links;

/// <summary>
/// Fallback until one-click action links exist: every link, action links included, opens the declaration in the
/// portal, where the recipient signs in and acts.
/// </summary>
public sealed class PortalOnlyLinkIssuer(Uri publicBaseUrl) : IActionLinkIssuer
{
    public Uri IssueActionLink(Guid taskId, string action, Guid recipientId, Guid declarationId, int declarationVersion) =>
        PortalLink($"/declarations/{declarationId}");

    public Uri PortalLink(string path) => new(publicBaseUrl, path);
}
