using System.Data.Common;
using LinqToDB.Interceptors;
using Microsoft.Data.Sqlite;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// Lets SQLite itself wait for its write lock (<c>sqlite3_busy_timeout</c>) on every connection the node opens, for
/// as long as the connection string's default timeout (<see cref="Hosting.PhaseFlowOptions.SqliteBusyTimeout"/>).
/// </summary>
/// <remarks>
/// Several writers share the file (the task journal, sharding's journal and snapshots, the task list), and SQLite lets
/// one write at a time. Without a busy timeout SQLite answers a writer that finds the lock taken with SQLITE_BUSY at
/// once, and Microsoft.Data.Sqlite retries only after sleeping 150 ms: each such collision stalled the journal's single
/// writer (and every task waiting on it) for 150 ms, though the lock is held for about a millisecond. SQLite's own
/// handler retries after 1, 2, 5, 10 ms and so on. The total wait and the error after it are unchanged.
/// </remarks>
internal sealed class SqliteBusyWait : IConnectionInterceptor
{
    /// <summary>Gets the one instance; it holds no state.</summary>
    public static SqliteBusyWait Instance { get; } = new();

    /// <summary>Sets the busy timeout of an open connection to its default timeout.</summary>
    /// <param name="connection">An open SQLite connection.</param>
    public static void Apply(SqliteConnection connection)
    {
        // A connection from the pool keeps its native handle and with it the setting; setting it again costs no I/O.
        var milliseconds = (int)Math.Min(int.MaxValue, connection.DefaultTimeout * 1000L);
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, milliseconds);
    }

    /// <inheritdoc/>
    public void ConnectionOpening(ConnectionEventData eventData, DbConnection connection)
    {
    }

    /// <inheritdoc/>
    public Task ConnectionOpeningAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc/>
    public void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            Apply(sqlite);
        }
    }

    /// <inheritdoc/>
    public Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        ConnectionOpened(eventData, connection);
        return Task.CompletedTask;
    }
}
