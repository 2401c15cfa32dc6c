using PerfWorkflow.EndToEnd.Infrastructure;
using PerfWorkflow.Workflows.Tests.Maintenance;

namespace PerfWorkflow.EndToEnd.Maintenance;

/// <summary>The nightly clean-up on PostgreSQL: the batched deletes translate to SQL and keep what must be kept.</summary>
public sealed class RetentionJobTests : MigratedDatabaseTest
{
    [Fact]
    public Task CleanUp_DeletesOnlyRowsPastTheirRetention_InBatches_AndASecondRunDeletesNothing() =>
        new RetentionScenario(() => Database.NewContext()).RunAsync();
}
