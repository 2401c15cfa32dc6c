namespace PerfWorkflow.Workflows.Route;

/// <summary>One entry of the audit trail: who did what, when, from which stage to which, with which comment, from where.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public Guid? DeclarationId { get; set; }

    public int? PackageCycleYear { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid ActorId { get; set; }

    public string ActorName { get; set; } = "";

    /// <summary>Wire name of the action (submit, accept, edit, reassign, …).</summary>
    public string Action { get; set; } = "";

    public string? FromStage { get; set; }

    public string? ToStage { get; set; }

    public string? Comment { get; set; }

    public string? Ip { get; set; }

    /// <summary>The version counter after the action.</summary>
    public int? Version { get; set; }
}

/// <summary>The first answer to a POST with an Idempotency-Key; a repeat gets it back and nothing happens again.</summary>
public sealed class IdempotencyRecord
{
    public string Key { get; set; } = "";

    public Guid UserId { get; set; }

    public string Request { get; set; } = "";

    public int StatusCode { get; set; }

    public string ResponseJson { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
