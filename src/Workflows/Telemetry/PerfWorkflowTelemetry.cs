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

    private static long _pendingMails;
    private static long _failedMails;
    private static long _overdueTasks;

    /// <summary>Pending and failed mails of the delivery log, open tasks past due: read by <c>TelemetryGauges</c> every half minute.</summary>
    public static void SetBacklog(long pendingMails, long failedMails, long overdueTasks)
    {
        Interlocked.Exchange(ref _pendingMails, pendingMails);
        Interlocked.Exchange(ref _failedMails, failedMails);
        Interlocked.Exchange(ref _overdueTasks, overdueTasks);
    }

    public static readonly ObservableGauge<long> PendingMails =
        Meter.CreateObservableGauge("perfworkflow.mail.pending", () => Interlocked.Read(ref _pendingMails), unit: "{mail}", description: "Mails of the delivery log not yet sent");

    public static readonly ObservableGauge<long> FailedMails =
        Meter.CreateObservableGauge("perfworkflow.mail.failed", () => Interlocked.Read(ref _failedMails), unit: "{mail}", description: "Mails the server refused for good");

    public static readonly ObservableGauge<long> OverdueTasks =
        Meter.CreateObservableGauge("perfworkflow.tasks.overdue", () => Interlocked.Read(ref _overdueTasks), unit: "{task}", description: "Open tasks past their due time");

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
