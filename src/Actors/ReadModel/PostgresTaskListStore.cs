using Npgsql;
using NpgsqlTypes;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// The task list in the cluster's PostgreSQL database, next to the journal; the same rules as
/// <see cref="SqliteTaskListStore"/>: a row never goes back to an older sequence number, and the projection's
/// position (a <see cref="JournalPosition"/> with its transaction id) is committed in the same transaction as the rows it covers.
/// </summary>
/// <param name="connectionString">The database's Npgsql connection string.</param>
public sealed class PostgresTaskListStore(string connectionString) : ITaskListStore
{
    /// <summary>The name the projection's position is stored under.</summary>
    private const string ProjectionName = "task-list";

    /// <inheritdoc/>
    public Task InitializeAsync(CancellationToken cancellationToken) =>
        PostgresSchema.CreateAsync(connectionString, cancellationToken);

    /// <inheritdoc/>
    public async Task<JournalPosition> ReadPositionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT tx_id, ordering FROM projection_offset WHERE projection = @name", connection);
        command.Parameters.AddWithValue("name", ProjectionName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new JournalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1))
            : JournalPosition.Start;
    }

    /// <inheritdoc/>
    public async Task ApplyAsync(IReadOnlyList<TaskListChange> changes, JournalPosition position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO task_list (task_id, task_type, state, current_phase, phases_completed, created_at, updated_at, last_sequence_nr, parent_id)
            VALUES (@id, @type, @state, NULL, 0, @at, @at, @seq, @parent)
            ON CONFLICT (task_id) DO NOTHING
            """,
            connection,
            transaction);
        insert.Parameters.Add("id", NpgsqlDbType.Text);
        insert.Parameters.Add("type", NpgsqlDbType.Text);
        insert.Parameters.Add("state", NpgsqlDbType.Text);
        insert.Parameters.Add("at", NpgsqlDbType.Bigint);
        insert.Parameters.Add("seq", NpgsqlDbType.Bigint);
        insert.Parameters.Add("parent", NpgsqlDbType.Text);

        await using var update = new NpgsqlCommand(
            """
            UPDATE task_list SET
                state = COALESCE(@state, state),
                current_phase = COALESCE(@phase, current_phase),
                phases_completed = phases_completed + @completed,
                updated_at = @at,
                last_sequence_nr = @seq
            WHERE task_id = @id AND last_sequence_nr < @seq AND (NOT @requiresPrevious OR last_sequence_nr = @seq - 1)
            """,
            connection,
            transaction);
        update.Parameters.Add("id", NpgsqlDbType.Text);
        update.Parameters.Add("state", NpgsqlDbType.Text);
        update.Parameters.Add("phase", NpgsqlDbType.Integer);
        update.Parameters.Add("completed", NpgsqlDbType.Integer);
        update.Parameters.Add("at", NpgsqlDbType.Bigint);
        update.Parameters.Add("seq", NpgsqlDbType.Bigint);
        update.Parameters.Add("requiresPrevious", NpgsqlDbType.Boolean);

        // Parameters in the order TaskListRowChange.ExecuteAsync fills them.
        foreach (var row in changes.Select(TaskListRowChange.From))
        {
            await row.ExecuteAsync(insert, update, cancellationToken);
        }

        await using var store = new NpgsqlCommand(
            """
            INSERT INTO projection_offset (projection, tx_id, ordering) VALUES (@name, @tx, @ordering)
            ON CONFLICT (projection) DO UPDATE SET tx_id = excluded.tx_id, ordering = excluded.ordering
            WHERE (projection_offset.tx_id, projection_offset.ordering) < (excluded.tx_id, excluded.ordering)
            """,
            connection,
            transaction);
        store.Parameters.AddWithValue("name", ProjectionName);
        store.Parameters.Add(new NpgsqlParameter<ulong>("tx", NpgsqlDbType.Xid8) { TypedValue = position.TransactionId });
        store.Parameters.AddWithValue("ordering", position.Ordering);
        await store.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<TaskListPage> QueryAsync(TaskListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {TaskListPageReader.Columns}
            FROM task_list
            WHERE {(query.ParentId is null ? string.Empty : "parent_id = @parent AND ")}(@state::text IS NULL OR state = @state)
              AND (@type::text IS NULL OR task_type = @type)
              AND (@afterCreated::bigint IS NULL OR (created_at, task_id) < (@afterCreated, @afterId))
            ORDER BY created_at DESC, task_id DESC
            LIMIT @take
            """,
            connection);
        command.Parameters.Add("state", NpgsqlDbType.Text).Value = query.State?.ToString() ?? (object)DBNull.Value;
        command.Parameters.Add("type", NpgsqlDbType.Text).Value = query.TaskType ?? (object)DBNull.Value;
        command.Parameters.Add("afterCreated", NpgsqlDbType.Bigint).Value = query.After?.CreatedAtMs ?? (object)DBNull.Value;
        command.Parameters.Add("afterId", NpgsqlDbType.Text).Value = query.After?.TaskId ?? (object)DBNull.Value;
        if (query.ParentId is not null)
        {
            // Only named when given, like SqliteTaskListStore, so the plan is plainly one of task_list_by_parent.
            command.Parameters.Add("parent", NpgsqlDbType.Text).Value = query.ParentId;
        }

        // One row more than asked tells whether there is a next page.
        command.Parameters.Add("take", NpgsqlDbType.Integer).Value = query.Limit + 1;

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await TaskListPageReader.ReadAsync(reader, query.Limit, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<TaskLifecycleState, long>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(TaskStateCounts.Query, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await TaskStateCounts.ReadAsync(reader, cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
