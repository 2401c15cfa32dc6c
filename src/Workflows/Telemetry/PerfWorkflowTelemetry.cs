using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PerfWorkflow.Workflows.Telemetry;

/// <summary>
/// The application's own ActivitySource and Meter (issue 11, part 4): spans for the workflow action, the outbox
/// dispatch, the reminder sweep and the SMTP send; metrics for actions, outbox lag and sweep duration.
/// Without a listener (no OpenTelemetry configured) StartActivity returns null and instruments record nothing.
/// </summary>
public static class PerfWorkflowTelemetry
{
    public const string Name = "PerfWorkflow";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Actions =
        Meter.CreateCounter<long>("perfworkflow.actions", unit: "{action}", description: "Workflow actions by name and outcome");

    public static readonly Histogram<double> OutboxLag =
        Meter.CreateHistogram<double>("perfworkflow.outbox.lag", unit: "s", description: "Dispatch time minus outbox row creation");

    public static readonly Histogram<double> SweepDuration =
        Meter.CreateHistogram<double>("perfworkflow.reminder_sweep.duration", unit: "s", description: "Reminder sweep duration");

    /// <summary>The outcome tag of an action: done, not-found, forbidden, stale, not-permitted, invalid, bad-request.</summary>
    public static string OutcomeName(Route.ActionOutcome outcome) => outcome switch
    {
        Route.ActionOutcome.Done => "done",
        Route.ActionOutcome.NotFound => "not-found",
        Route.ActionOutcome.Forbidden => "forbidden",
        Route.ActionOutcome.Stale => "stale",
        Route.ActionOutcome.NotPermitted => "not-permitted",
        Route.ActionOutcome.Invalid => "invalid",
        _ => "bad-request",
    };

    public static void RecordAction(string action, string outcome) =>
        Actions.Add(1, new KeyValuePair<string, object?>("action", action), new KeyValuePair<string, object?>("outcome", outcome));
}
