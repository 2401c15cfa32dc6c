using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Messaging;

/// <summary>
/// Pulses <see cref="OutboxSignal"/> once outbox rows are committed: right after SaveChanges, or after the commit of the
/// caller's transaction when SaveChanges ran inside one (the dispatcher cannot see the rows before).
/// </summary>
public sealed class OutboxCommitInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, PendingRows> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        NoteAddedRows(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        NoteAddedRows(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        OnSaved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        OnSaved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => OnSaveFailed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        OnSaveFailed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => OnCommitted(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        OnCommitted(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void NoteAddedRows(DbContext? context)
    {
        if (context is not PerfWorkflowDbContext db)
        {
            return;
        }
        // Outbox rows are only ever added through the DbSet, so their state is known without a second DetectChanges pass.
        var tracker = db.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
            {
                _pending.GetOrCreateValue(db).Saving = true;
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private void OnSaved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || !pending.Saving)
        {
            return;
        }
        pending.Saving = false;
        if (context.Database.CurrentTransaction is null)
        {
            _pending.Remove(context);
            signal.Pulse();
        }
        else
        {
            pending.AwaitingCommit = true;
        }
    }

    private void OnCommitted(DbContext? context)
    {
        // EF's own SaveChanges transaction commits before SavedChanges; only a caller's transaction is awaited here.
        if (context is not null && _pending.TryGetValue(context, out var pending) && pending.AwaitingCommit)
        {
            _pending.Remove(context);
            signal.Pulse();
        }
    }

    // Rows saved earlier in the same transaction may still commit; only this save's rows are gone.
    private void OnSaveFailed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.Saving = false;
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private sealed class PendingRows
    {
        public bool Saving { get; set; }

        public bool AwaitingCommit { get; set; }
    }
}
