namespace PerfWorkflow.Api.Hosting;

/// <summary>A start-up problem the operator can fix; Program prints its message as one line and exits 1.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
