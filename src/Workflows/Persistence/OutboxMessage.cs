namespace PerfWorkflow.Workflows.Persistence;

/// <summary>
/// A message written in the same transaction as the action that caused it; the dispatcher publishes it afterwards
/// (docs/architecture.md §5). Rows are deleted once published; poison rows move to <see cref="DeadLetterMessage"/>.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The message's own id; consumers use it as the event id for idempotency.</summary>
    public Guid MessageId { get; set; }

    /// <summary>Full CLR type name of the contract in <c>PerfWorkflow.Workflows.Contracts</c>.</summary>
    public string MessageType { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public int Attempts { get; set; }

    /// <summary>Not retried before this time (backoff after a failed publish).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the request that wrote the row (null outside a trace): the dispatcher publishes
    /// under it, so one trace runs from the HTTP POST through RabbitMQ and the consumer to the SMTP send.
    /// </summary>
    public string? TraceParent { get; set; }
}

/// <summary>An outbox message that could not be published after every retry; an admin can replay it.</summary>
public sealed class DeadLetterMessage
{
    public long Id { get; set; }

    public Guid MessageId { get; set; }

    public string MessageType { get; set; } = "";

    public string Payload { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset FailedAt { get; set; }

    public int Attempts { get; set; }

    public string Error { get; set; } = "";
}
