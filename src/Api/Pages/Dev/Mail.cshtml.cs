using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PerfWorkflow.Api.Hosting;
using PerfWorkflow.Notifications.Mail;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Pages.Dev;

/// <summary>
/// <c>/dev/mail</c>, embedded profile only: the .eml files FileMailSender wrote, newest first, and one of them rendered.
/// A signed-in user sees the mails addressed to them only (they hold action links); an admin sees every mail.
/// </summary>
[AllowAnonymous]
public sealed class MailModel(HostingOptions hosting, IServiceProvider services, PerfWorkflowDbContext db) : PageModel
{
    private const int MaxListed = 200;

    public sealed record MailEntry(string File, DateTimeOffset? Date, string To, string Subject);

    public IReadOnlyList<MailEntry> Mails { get; private set; } = [];

    public MailEntry? Selected { get; private set; }

    public string? Html { get; private set; }

    public string? Text { get; private set; }

    public string Folder { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? file, CancellationToken ct)
    {
        // Production has no mailbox: the page does not exist there, whoever asks.
        if (hosting.Profile != AppProfile.Embedded || services.GetService<FileMailSender>() is not { } sender)
        {
            return NotFound();
        }
        if (User.Identity?.IsAuthenticated != true)
        {
            return Challenge();
        }
        Folder = sender.Directory;
        var files = Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.eml").Select(Path.GetFileName).OfType<string>()
                .Order(StringComparer.Ordinal).Reverse().ToList()
            : [];
        var ownAddress = await OwnAddressAsync(ct);
        var mails = new List<MailEntry>();
        foreach (var name in files)
        {
            if (mails.Count >= MaxListed)
            {
                break;
            }
            var message = await LoadAsync(name, ct);
            if (message is not null && (ownAddress is null || IsAddressedTo(message, ownAddress)))
            {
                mails.Add(Entry(name, message));
                if (name == file)
                {
                    Selected = mails[^1];
                    Html = message.HtmlBody;
                    Text = message.TextBody;
                }
            }
        }
        Mails = mails;
        if (file is not null && Selected is null)
        {
            return NotFound();
        }
        return Page();
    }

    /// <summary>The signed-in user's mail address, or null for an admin (who sees every mail).</summary>
    private async Task<string?> OwnAddressAsync(CancellationToken ct)
    {
        if (User.IsInRole(nameof(UserRole.Admin)))
        {
            return null;
        }
        var id = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var email = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(ct);
        // A user without an address is sent no mail: an address nobody has matches nothing.
        return string.IsNullOrWhiteSpace(email) ? "\u0000" : email;
    }

    private static bool IsAddressedTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
            .Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    private async Task<MimeMessage?> LoadAsync(string name, CancellationToken ct)
    {
        try
        {
            return await MimeMessage.LoadAsync(Path.Combine(Folder, name), ct);
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            // A file someone dropped or damaged by hand is skipped, not a crash of the mailbox.
            return null;
        }
    }

    private static MailEntry Entry(string file, MimeMessage message) =>
        new(file, message.Date == DateTimeOffset.MinValue ? null : message.Date,
            string.Join("，", message.To.Mailboxes.Select(m => string.IsNullOrEmpty(m.Name) ? m.Address : $"{m.Name} <{m.Address}>")),
            message.Subject ?? "");
}
