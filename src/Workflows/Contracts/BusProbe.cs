namespace PerfWorkflow.Workflows.Contracts;

/// <summary>A request that proves a message crosses the bus and is consumed (health and set-up checks).</summary>
public sealed record BusPing(Guid Id, DateTimeOffset SentAt);

/// <summary>The answer to <see cref="BusPing"/>, sent by the consuming node.</summary>
public sealed record BusPong(Guid Id, string MachineName);
