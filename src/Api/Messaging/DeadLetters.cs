using Microsoft.EntityFrameworkCore;
using PerfWorkflow.Workflows.Persistence;

namespace PerfWorkflow.Api.Messaging;

/// <summary>A dead-lettered message as the admin page lists it.</summary>
public sealed record DeadLetterView(
    long Id, Guid MessageId, string MessageType, string Payload, DateTimeOffset CreatedAt, DateTimeOffset FailedAt, int Attempts, string Error);

/// <summary>Admin access to the dead-letter table: list it, and move a message back to the outbox for a fresh set of attempts.</summary>
public sealed class DeadLetters(PerfWorkflowDbContext db, TimeProvider time)
{
    /// <summary>At most this many from the API's unpaged list; the admin page pages through all of them.</summary>
    public const int ListLimit = 500;

    /// <summary>The most recent failures first, at most <see cref="ListLimit"/>.</summary>
    public Task<IReadOnlyList<DeadLetterView>> ListAsync(CancellationToken cancellationToken) =>
        ListAsync(0, ListLimit, cancellationToken);

    /// <summary>One page of the list, the most recent failures first.</summary>
    public async Task<IReadOnlyList<DeadLetterView>> ListAsync(int skip, int take, CancellationToken cancellationToken) =>
        await db.DeadLetterMessages
            .AsNoTracking()
            .OrderByDescending(m => m.Id)
            .Skip(skip)
            .Take(take)
            .Select(m => new DeadLetterView(m.Id, m.MessageId, m.MessageType, m.Payload, m.CreatedAt, m.FailedAt, m.Attempts, m.Error))
            .ToListAsync(cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) => db.DeadLetterMessages.CountAsync(cancellationToken);

    /// <summary>
    /// Moves the dead letter back to the outbox (same message id, attempts reset, due now). False when there is no such
    /// dead letter — also when another admin replayed it a moment earlier.
    /// </summary>
    public async Task<bool> ReplayDeadLetterAsync(long id, CancellationToken cancellationToken = default)
    {
        var letter = await db.DeadLetterMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (letter is null)
        {
            return false;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The delete is the claim: of two concurrent replays only one removes the row.
        if (await db.DeadLetterMessages.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return false;
        }
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageId = letter.MessageId,
            MessageType = letter.MessageType,
            Payload = letter.Payload,
            CreatedAt = letter.CreatedAt,
            NextAttemptAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
