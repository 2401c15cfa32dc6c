using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using PerfWorkflow.Api.Hosting;
using PerfWorkflow.Notifications.Links;

namespace PerfWorkflow.Api.Links;

/// <summary>How a presented token reads: valid, expired (still authentic), or not ours at all.</summary>
public enum ActionLinkState
{
    Valid,
    Expired,
    Invalid,
}

/// <summary>
/// Issues and reads <c>/act/{token}</c> links with ASP.NET Core Data Protection (authenticated encryption, shared key ring
/// in the database). The expiry travels inside the protected payload so an expired link is told apart from a forged one.
/// </summary>
public sealed class ActionLinkIssuer(
    IDataProtectionProvider protection, IOptions<ActionLinkOptions> options, HostingOptions hosting, TimeProvider clock) : IActionLinkIssuer
{
    public const string Purpose = "PerfWorkflow.ActionLinks.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private readonly Uri _base = new(hosting.PublicBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);

    public Uri IssueActionLink(Guid taskId, string action, Guid recipientId, Guid declarationId, int declarationVersion) =>
        Issue(new ActionLinkToken(Guid.NewGuid(), taskId, action, recipientId, declarationId, declarationVersion,
            clock.GetUtcNow() + options.Value.Lifetime));

    /// <summary>A link for exactly this token (tests issue already-expired ones with it).</summary>
    public Uri Issue(ActionLinkToken token) =>
        PortalLink("/act/" + WebEncoders.Base64UrlEncode(_protector.Protect(token.ToBytes())));

    public Uri PortalLink(string path) => new(_base, path.TrimStart('/'));

    /// <summary>Reads the token part of a link; anything altered, truncated or made with another key ring is Invalid.</summary>
    public (ActionLinkState State, ActionLinkToken? Token) Read(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 2048)
        {
            return (ActionLinkState.Invalid, null);
        }
        ActionLinkToken? token;
        try
        {
            token = ActionLinkToken.FromBytes(_protector.Unprotect(WebEncoders.Base64UrlDecode(text)));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return (ActionLinkState.Invalid, null);
        }
        if (token is null)
        {
            return (ActionLinkState.Invalid, null);
        }
        return (clock.GetUtcNow() >= token.ExpiresAt ? ActionLinkState.Expired : ActionLinkState.Valid, token);
    }
}
