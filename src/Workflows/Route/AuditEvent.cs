using PerfWorkflow.Workflows.Declarations;
using PerfWorkflow.Workflows.Organisation;
using PerfWorkflow.Workflows.Packages;

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

    /// <summary>An entry about a declaration, stamped with its version after the action.</summary>
    public static AuditEvent For(Declaration declaration, Actor actor, string action, string? fromStage, string? toStage, string? comment, DateTimeOffset now)
    {
        var entry = By(actor, action, fromStage, toStage, comment, now, declaration.Version);
        entry.DeclarationId = declaration.Id;
        return entry;
    }

    /// <summary>An entry about a cycle's package, stamped with its version after the action.</summary>
    public static AuditEvent For(Package package, Actor actor, string action, string? fromStage, string? toStage, DateTimeOffset now)
    {
        var entry = By(actor, action, fromStage, toStage, null, now, package.Version);
        entry.PackageCycleYear = package.CycleYear;
        return entry;
    }

    private static AuditEvent By(Actor actor, string action, string? fromStage, string? toStage, string? comment, DateTimeOffset now, int version) => new()
    {
        At = now,
        ActorId = actor.UserId,
        ActorName = actor.Name,
        Action = action,
        FromStage = fromStage,
        ToStage = toStage,
        Comment = comment,
        Ip = actor.Ip,
        Version = version,
    };
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
