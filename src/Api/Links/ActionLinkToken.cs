using System.Text;

namespace PerfWorkflow.Api.Links;

/// <summary>What an action link authorises: one action on one task, by one recipient, on one version, until a moment.</summary>
public sealed record ActionLinkToken(
    Guid TokenId, Guid TaskId, string Action, Guid RecipientId, Guid DeclarationId, int DeclarationVersion, DateTimeOffset ExpiresAt)
{
    private const byte FormatVersion = 1;

    /// <summary>The key under which the use of this token is recorded (idempotency record of the recipient).</summary>
    public string UseKey => "act:" + TokenId.ToString("N");

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(TokenId.ToByteArray());
            writer.Write(TaskId.ToByteArray());
            writer.Write(RecipientId.ToByteArray());
            writer.Write(DeclarationId.ToByteArray());
            writer.Write(DeclarationVersion);
            writer.Write(ExpiresAt.UtcTicks);
            writer.Write(Action);
        }
        return stream.ToArray();
    }

    /// <summary>Reads bytes that Data Protection has already authenticated; a different layout is refused, not guessed.</summary>
    public static ActionLinkToken? FromBytes(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
        try
        {
            if (reader.ReadByte() != FormatVersion)
            {
                return null;
            }
            var tokenId = new Guid(reader.ReadBytes(16));
            var taskId = new Guid(reader.ReadBytes(16));
            var recipientId = new Guid(reader.ReadBytes(16));
            var declarationId = new Guid(reader.ReadBytes(16));
            var version = reader.ReadInt32();
            var expiresAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var action = reader.ReadString();
            return new ActionLinkToken(tokenId, taskId, action, recipientId, declarationId, version, expiresAt);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentException or IOException)
        {
            return null;
        }
    }
}
