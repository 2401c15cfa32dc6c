using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace PerfWorkflow.Notifications.Mail;

/// <summary>Sends through an SMTP server with MailKit; classifies failures as transient (retry) or permanent.</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options, TimeProvider time) : IMailSender
{
    private readonly SmtpOptions _options = options.Value;

    public async Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken)
    {
        var message = MimeMessageFactory.Create(envelope, _options.FromAddress, _options.FromName, time.GetLocalNow());
        using var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, ToMailKit(_options.Security), cancellationToken);
            if (!string.IsNullOrEmpty(_options.UserName))
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", cancellationToken);
            }
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException ex) when (IsPermanent(ex))
        {
            throw new PermanentMailException($"邮件服务器拒收（{(int)ex.StatusCode} {ex.Message}）", ex);
        }
        catch (AuthenticationException ex)
        {
            throw new PermanentMailException($"邮件服务器认证失败：{ex.Message}", ex);
        }
    }

    /// <summary>Opens and closes a connection; used by the health check.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = Math.Min(_options.TimeoutSeconds, 5) * 1000 };
        await client.ConnectAsync(_options.Host, _options.Port, ToMailKit(_options.Security), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    // 5xx replies are final (bad mailbox, policy); 4xx are temporary by definition (RFC 5321 §4.2.1).
    private static bool IsPermanent(SmtpCommandException ex) => (int)ex.StatusCode >= 500;

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };
}
