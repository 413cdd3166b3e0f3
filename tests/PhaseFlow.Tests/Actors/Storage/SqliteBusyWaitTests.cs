using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Storage;

/// <summary>SQLite waits for its write lock itself, as long as the node's busy timeout, on the connections the node opens.</summary>
public sealed class SqliteBusyWaitTests : IDisposable
{
    private readonly TempFolder _folder = new("busy-wait");

    [Fact]
    public void ConnectionOpened_SqliteConnection_GetsTheConnectionStringsTimeoutAsItsBusyTimeout()
    {
        var storage = new SqliteStorage(_folder.Combine("busy.db"), TimeSpan.FromSeconds(7));
        storage.Prepare();
        using var connection = new SqliteConnection(storage.ConnectionString);
        connection.Open();
        Assert.Equal(0L, BusyTimeout(connection));

        SqliteBusyWait.Instance.ConnectionOpened(default, connection);

        Assert.Equal(7000L, BusyTimeout(connection));
    }

    [Fact]
    public async Task PluginConnections_AreOpenedWithTheBusyTimeout()
    {
        var storage = new SqliteStorage(_folder.Combine("plugin.db"), TimeSpan.FromSeconds(9));
        storage.Prepare();

        // The journal and snapshot plugins open every connection through these options (sync and async opens alike).
        using var connection = new DataConnection(storage.PluginDataOptions());
        Assert.Equal(9000L, await connection.ExecuteAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(9000L, connection.Execute<long>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task TaskListStore_OpensItsConnectionsWithTheBusyTimeout()
    {
        var storage = new SqliteStorage(_folder.Combine("list.db"), TimeSpan.FromSeconds(5));
        storage.Prepare();
        var store = new SqliteTaskListStore(storage.ConnectionString);
        await store.InitializeAsync(CancellationToken.None);

        // The pool hands the store's connection (and its native handle) out again: the setting is visible on it.
        using var connection = new SqliteConnection(storage.ConnectionString);
        connection.Open();
        Assert.Equal(5000L, BusyTimeout(connection));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    private static long BusyTimeout(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        return (long)command.ExecuteScalar()!;
    }
}
