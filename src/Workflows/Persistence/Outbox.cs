using System.Text.Json;
using PerfWorkflow.Workflows.Contracts;

namespace PerfWorkflow.Workflows.Persistence;

/// <summary>Adds messages to the outbox of the current unit of work; they commit (or vanish) with the action.</summary>
public static class Outbox
{
    public static void Add(PerfWorkflowDbContext db, IIntegrationEvent message, DateTimeOffset now) =>
        db.OutboxMessages.Add(NewRow(message, now));

    /// <summary>
    /// The row for a contract instance; its MessageId is the event's own <see cref="IIntegrationEvent.EventId"/>. Bulk
    /// writers insert it themselves instead of through the context.
    /// </summary>
    public static OutboxMessage NewRow(IIntegrationEvent message, DateTimeOffset now) =>
        NewRow(message.EventId, message.GetType().FullName!, Serialize(message), now);

    /// <summary>A row for an event already serialized (the mail recovery sweep re-drives stored events).</summary>
    public static OutboxMessage NewRow(Guid eventId, string messageType, string payload, DateTimeOffset now) => new()
    {
        MessageId = eventId,
        MessageType = messageType,
        Payload = payload,
        CreatedAt = now,
        NextAttemptAt = now,
        TraceParent = System.Diagnostics.Activity.Current?.Id is { } id && System.Diagnostics.Activity.Current.IdFormat == System.Diagnostics.ActivityIdFormat.W3C ? id : null,
    };

    /// <summary>The stored form of a contract instance, as the outbox and the delivery log keep it.</summary>
    public static string Serialize(object message) =>
        JsonSerializer.Serialize(message, message.GetType(), Declarations.DeclarationJson.Options);

    /// <summary>The contract type of a stored row (contracts live in one namespace of this assembly).</summary>
    public static Type? ResolveType(string messageType) => typeof(Outbox).Assembly.GetType(messageType, throwOnError: false);

    public static object? Deserialize(OutboxMessage row) =>
        ResolveType(row.MessageType) is { } type ? JsonSerializer.Deserialize(row.Payload, type, Declarations.DeclarationJson.Options) : null;
}
