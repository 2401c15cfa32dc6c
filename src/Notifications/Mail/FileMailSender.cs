namespace PerfWorkflow.Notifications.Mail;

/// <summary>Embedded profile: writes each email as an <c>.eml</c> file under the mail folder (shown at /dev/mail).</summary>
public sealed class FileMailSender(string directory, TimeProvider time) : IMailSender
{
    public const string FromAddress = "perfworkflow@localhost";

    public string Directory { get; } = directory;

    public async Task SendAsync(MailEnvelope envelope, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var now = time.GetLocalNow();
        var message = MimeMessageFactory.Create(envelope, FromAddress, "绩效目标申报系统", now);
        var name = $"{now.UtcDateTime:yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}.eml";
        var temp = Path.Combine(Directory, name + ".tmp");
        await message.WriteToAsync(temp, cancellationToken);
        // Rename last so the mailbox page never lists a half-written file.
        File.Move(temp, Path.Combine(Directory, name));
    }
}
