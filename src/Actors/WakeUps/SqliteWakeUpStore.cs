using Microsoft.Data.Sqlite;

namespace PhaseFlow.Actors.WakeUps;

/// <summary><see cref="IWakeUpStore"/> in the node's SQLite file, next to the journal (table <c>task_wakeup</c>).</summary>
/// <param name="connectionString">The database's connection string.</param>
public sealed class SqliteWakeUpStore(string connectionString) : IWakeUpStore
{
    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS task_wakeup (
                task_id TEXT NOT NULL PRIMARY KEY,
                due_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS task_wakeup_due ON task_wakeup (due_at);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task SetAsync(WakeUp wakeUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeUp);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO task_wakeup (task_id, due_at) VALUES ($id, $due)
            ON CONFLICT (task_id) DO UPDATE SET due_at = excluded.due_at
            """;
        command.Parameters.AddWithValue("$id", wakeUp.TaskId);
        command.Parameters.AddWithValue("$due", wakeUp.DueUnixMs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WakeUp>> DueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT task_id, due_at FROM task_wakeup WHERE due_at <= $until ORDER BY due_at LIMIT $limit";
        command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$limit", limit);
        var due = new List<WakeUp>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new WakeUp(reader.GetString(0), reader.GetInt64(1)));
        }

        return due;
    }

    /// <inheritdoc/>
    public async Task RemoveAsync(WakeUp wakeUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeUp);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM task_wakeup WHERE task_id = $id AND due_at = $due";
        command.Parameters.AddWithValue("$id", wakeUp.TaskId);
        command.Parameters.AddWithValue("$due", wakeUp.DueUnixMs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
