// Hangfire and MassTransit keep process-wide state; hosts in this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
