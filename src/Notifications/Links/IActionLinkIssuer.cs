namespace PerfWorkflow.Notifications.Links;

/// <summary>
/// Issues the links an email carries: one-click action links (<c>/act/{token}</c>, docs/architecture.md §5) bound to task, action,
/// recipient and declaration version, and plain portal links.
/// </summary>
public interface IActionLinkIssuer
{
    /// <summary>A time-limited, single-use link that lets <paramref name="recipientId"/> take <paramref name="action"/> on the task.</summary>
    Uri IssueActionLink(Guid taskId, string action, Guid recipientId, Guid declarationId, int declarationVersion);

    /// <summary>An absolute portal address for a path such as <c>/declarations/{id}</c>.</summary>
    Uri PortalLink(string path);
}
