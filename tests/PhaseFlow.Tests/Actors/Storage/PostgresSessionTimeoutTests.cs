using Npgsql;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Storage;

/// <summary>
/// A session a node leaves idle inside a transaction (the node was cut off between a write and its COMMIT) is ended by
/// the server, so the write's locks do not hold up the task's next owner for as long as TCP takes to notice.
/// </summary>
public sealed class PostgresSessionTimeoutTests : IAsyncLifetime
{
    private PostgresTestDatabase? _database;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_session_of_the_storage_has_the_idle_in_transaction_timeout_and_options_given_by_the_user_come_after_it()
    {
        var userOptions = new NpgsqlConnectionStringBuilder(_database!.ConnectionString) { Options = "-c statement_timeout=60s" }.ConnectionString;
        var storage = new PostgresStorage(userOptions);

        await using var connection = new NpgsqlConnection(storage.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(PostgresStorage.IdleInTransactionTimeout, await ShowAsync(connection, "idle_in_transaction_session_timeout"));
        Assert.Equal("1min", await ShowAsync(connection, "statement_timeout"));
    }

    [Fact]
    public async Task A_lock_held_by_a_session_that_went_quiet_inside_its_transaction_is_freed_when_the_server_ends_it()
    {
        var storage = new PostgresStorage(_database!.ConnectionString);
        storage.Prepare();
        var quick = new NpgsqlConnectionStringBuilder(storage.ConnectionString) { Options = "-c idle_in_transaction_session_timeout=1s" }.ConnectionString;

        // A writer that inserted a journal row and then went silent (its COMMIT never came).
        await using var stale = new NpgsqlConnection(quick);
        await stale.OpenAsync();
        await using var transaction = await stale.BeginTransactionAsync();
        await ExecuteAsync(stale, "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message) VALUES (0, false, 'task-x', 1, '\\x00')");

        // The task's next owner writes the same sequence number: it waits for the stale session, then gets its row in.
        await using var next = new NpgsqlConnection(storage.ConnectionString);
        await next.OpenAsync();
        await ExecuteAsync(next, "INSERT INTO journal (created, deleted, persistence_id, sequence_number, message) VALUES (0, false, 'task-x', 1, '\\x01')");

        Assert.Equal([1], await _database.QueryAsync<int>("SELECT get_byte(message, 0) FROM journal WHERE persistence_id = 'task-x'"));
    }

    private static async Task<string> ShowAsync(NpgsqlConnection connection, string setting)
    {
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
