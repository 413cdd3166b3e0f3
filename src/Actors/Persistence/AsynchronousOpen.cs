using System.Data.Common;
using LinqToDB.Interceptors;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// Makes the persistence plugin's SQLite connections open asynchronously for real, so that concurrent writes are
/// committed together (group commit).
/// </summary>
/// <remarks>
/// The plugin's write queue (<c>BatchWeighted</c>, then <c>SelectAsync(parallelism)</c>) forms a batch from the writes
/// that arrive while a write is in flight. Microsoft.Data.Sqlite completes every await synchronously, so no write is
/// ever in flight and each persisting task pays its own transaction and fsync. One yield before the connection opens
/// moves the write off the stream's thread; writes arriving meanwhile queue up and go into the next batch, one
/// transaction and one fsync for all of them. Durability is unchanged: each event is acknowledged only after the
/// commit of its batch (synchronous = FULL).
/// </remarks>
internal sealed class AsynchronousOpen : IConnectionInterceptor
{
    /// <inheritdoc/>
    public void ConnectionOpening(ConnectionEventData eventData, DbConnection connection)
    {
        // Synchronous opens (none on the write path) stay as they are.
    }

    /// <inheritdoc/>
    public async Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        await Task.Yield();

    /// <inheritdoc/>
    public void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
    }

    /// <inheritdoc/>
    public Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
