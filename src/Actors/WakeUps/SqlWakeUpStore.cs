using System.Data.Common;

namespace PhaseFlow.Actors.WakeUps;

/// <summary>
/// <see cref="IWakeUpStore"/> over the <c>task_wakeup</c> table, in SQLite or PostgreSQL alike: the statements are
/// the same on both, only the connections differ (the storage that creates the store opens them, with its own
/// settings, and created the table when it prepared the database).
/// </summary>
/// <param name="openAsync">Opens a connection to the database.</param>
public sealed class SqlWakeUpStore(Func<CancellationToken, Task<DbConnection>> openAsync) : IWakeUpStore
{
    /// <inheritdoc/>
    public async Task SetAsync(WakeUp wakeUp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wakeUp);
        await using var connection = await openAsync(cancellationToken);
        await using var command = Command(
            connection,
            "INSERT INTO task_wakeup (task_id, due_at) VALUES (@id, @due) ON CONFLICT (task_id) DO UPDATE SET due_at = excluded.due_at",
            ("@id", wakeUp.TaskId),
            ("@due", wakeUp.DueUnixMs));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WakeUp>> DueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await openAsync(cancellationToken);
        await using var command = Command(
            connection,
            "SELECT task_id, due_at FROM task_wakeup WHERE due_at <= @until ORDER BY due_at LIMIT @limit",
            ("@until", until.ToUnixTimeMilliseconds()),
            ("@limit", limit));
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
        await using var connection = await openAsync(cancellationToken);
        await using var command = Command(
            connection,
            "DELETE FROM task_wakeup WHERE task_id = @id AND due_at = @due",
            ("@id", wakeUp.TaskId),
            ("@due", wakeUp.DueUnixMs));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
