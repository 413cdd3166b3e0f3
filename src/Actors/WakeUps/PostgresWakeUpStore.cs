using Npgsql;
using PhaseFlow.Actors.Persistence;

namespace PhaseFlow.Actors.WakeUps;

/// <summary><see cref="IWakeUpStore"/> in the cluster's PostgreSQL database (table <c>task_wakeup</c>, created by <see cref="PostgresSchema"/>).</summary>
/// <param name="connectionString">The database's Npgsql connection string.</param>
public sealed class PostgresWakeUpStore(string connectionString) : IWakeUpStore
{
    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgresSchema.CreateAsync(connectionString, cancellationToken);

    /// <inheritdoc/>
    public async Task SetAsync(WakeUp wakeUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeUp);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO task_wakeup (task_id, due_at) VALUES (@id, @due)
            ON CONFLICT (task_id) DO UPDATE SET due_at = excluded.due_at
            """,
            connection);
        command.Parameters.AddWithValue("id", wakeUp.TaskId);
        command.Parameters.AddWithValue("due", wakeUp.DueUnixMs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WakeUp>> DueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT task_id, due_at FROM task_wakeup WHERE due_at <= @until ORDER BY due_at LIMIT @limit", connection);
        command.Parameters.AddWithValue("until", until.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("limit", limit);
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
        await using var command = new NpgsqlCommand("DELETE FROM task_wakeup WHERE task_id = @id AND due_at = @due", connection);
        command.Parameters.AddWithValue("id", wakeUp.TaskId);
        command.Parameters.AddWithValue("due", wakeUp.DueUnixMs);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
