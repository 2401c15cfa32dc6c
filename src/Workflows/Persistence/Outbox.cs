using System.Text.Json;

namespace PerfWorkflow.Workflows.Persistence;

/// <summary>Adds messages to the outbox of the current unit of work; they commit (or vanish) with the action.</summary>
public static class Outbox
{
    public static void Add<T>(PerfWorkflowDbContext db, T message, Guid messageId, DateTimeOffset now)
        where T : class =>
        db.OutboxMessages.Add(NewRow(message, messageId, now));

    /// <summary>The row for a contract instance; bulk writers insert it themselves instead of through the context.</summary>
    public static OutboxMessage NewRow(object message, Guid messageId, DateTimeOffset now) => new()
    {
        MessageId = messageId,
        MessageType = message.GetType().FullName!,
        Payload = JsonSerializer.Serialize(message, message.GetType(), Declarations.DeclarationJson.Options),
        CreatedAt = now,
        NextAttemptAt = now,
    };

    /// <summary>The contract type of a stored row (contracts live in one namespace of this assembly).</summary>
    public static Type? ResolveType(string messageType) => typeof(Outbox).Assembly.GetType(messageType, throwOnError: false);

    public static object? Deserialize(OutboxMessage row) =>
        ResolveType(row.MessageType) is { } type ? JsonSerializer.Deserialize(row.Payload, type, Declarations.DeclarationJson.Options) : null;
}
