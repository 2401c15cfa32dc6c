using System.Text.Json;

namespace PerfWorkflow.Workflows.Persistence;

/// <summary>Adds messages to the outbox of the current unit of work; they commit (or vanish) with the action.</summary>
public static class Outbox
{
    public static void Add<T>(PerfWorkflowDbContext db, T message, Guid messageId, DateTimeOffset now)
        where T : class
    {
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = messageId,
            MessageType = typeof(T).FullName!,
            Payload = JsonSerializer.Serialize(message, Declarations.DeclarationJson.Options),
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>The contract type of a stored row (contracts live in one namespace of this assembly).</summary>
    public static Type? ResolveType(string messageType) => typeof(Outbox).Assembly.GetType(messageType, throwOnError: false);

    public static object? Deserialize(OutboxMessage row) =>
        ResolveType(row.MessageType) is { } type ? JsonSerializer.Deserialize(row.Payload, type, Declarations.DeclarationJson.Options) : null;
}
