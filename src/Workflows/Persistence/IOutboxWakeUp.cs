namespace PerfWorkflow.Workflows.Persistence;

/// <summary>
/// Tells the outbox dispatcher that rows were committed by a bulk writer that bypassed the context's change tracker
/// (the commit interceptor only sees rows added through it).
/// </summary>
public interface IOutboxWakeUp
{
    void RowsCommitted();
}
