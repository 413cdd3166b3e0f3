using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>The task list in the node's SQLite database, next to the journal.</summary>
/// <param name="connectionString">The database's connection string.</param>
public sealed class SqliteTaskListStore(string connectionString) : ITaskListStore
{
    /// <summary>The name the projection's position is stored under.</summary>
    private const string ProjectionName = "task-list";

    /// <inheritdoc/>
    /// <remarks>
    /// A table from before child tasks lacks <c>parent_id</c>: it is added (existing rows keep their data and get no
    /// parent), in a write transaction, so two starts at once cannot both add it.
    /// </remarks>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS task_list (
                task_id TEXT NOT NULL PRIMARY KEY,
                task_type TEXT NOT NULL,
                state TEXT NOT NULL,
                current_phase INTEGER NULL,
                phases_completed INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                last_sequence_nr INTEGER NOT NULL,
                parent_id TEXT NULL);
            CREATE INDEX IF NOT EXISTS task_list_newest ON task_list (created_at DESC, task_id DESC);
            CREATE INDEX IF NOT EXISTS task_list_by_state ON task_list (state, created_at DESC, task_id DESC);
            CREATE INDEX IF NOT EXISTS task_list_by_type ON task_list (task_type, created_at DESC, task_id DESC);
            CREATE TABLE IF NOT EXISTS projection_offset (
                projection TEXT NOT NULL PRIMARY KEY,
                ordering INTEGER NOT NULL);
            SELECT COUNT(*) FROM pragma_table_info('task_list') WHERE name = 'parent_id';
            """;
        if (await command.ExecuteScalarAsync(cancellationToken) is 0L)
        {
            // SQLite has no ADD COLUMN IF NOT EXISTS; the look above stands in for it.
            command.CommandText = "ALTER TABLE task_list ADD COLUMN parent_id TEXT NULL";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // A parent's children, newest first, without reading the rest of the list (a phase may start a thousand).
        command.CommandText = "CREATE INDEX IF NOT EXISTS task_list_by_parent ON task_list (parent_id, created_at DESC, task_id DESC)";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<JournalPosition> ReadPositionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ordering FROM projection_offset WHERE projection = $name";
        command.Parameters.AddWithValue("$name", ProjectionName);
        return new JournalPosition(0, await command.ExecuteScalarAsync(cancellationToken) is long ordering ? ordering : 0);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The position names a transaction: SQLite journal positions have none.</exception>
    public async Task ApplyAsync(IReadOnlyList<TaskListChange> changes, JournalPosition position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (position.TransactionId != 0)
        {
            throw new ArgumentException($"A SQLite journal position is an ordering alone; {position} names a transaction.", nameof(position));
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO task_list (task_id, task_type, state, current_phase, phases_completed, created_at, updated_at, last_sequence_nr, parent_id)
            VALUES ($id, $type, $state, NULL, 0, $at, $at, $seq, $parent)
            ON CONFLICT (task_id) DO NOTHING
            """;
        insert.Parameters.Add("$id", SqliteType.Text);
        insert.Parameters.Add("$type", SqliteType.Text);
        insert.Parameters.Add("$state", SqliteType.Text);
        insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Parameters.Add("$seq", SqliteType.Integer);
        insert.Parameters.Add("$parent", SqliteType.Text);

        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE task_list SET
                state = COALESCE($state, state),
                current_phase = COALESCE($phase, current_phase),
                phases_completed = phases_completed + $completed,
                updated_at = $at,
                last_sequence_nr = $seq
            WHERE task_id = $id AND last_sequence_nr < $seq AND ($requiresPrevious = 0 OR last_sequence_nr = $seq - 1)
            """;
        update.Parameters.Add("$id", SqliteType.Text);
        update.Parameters.Add("$state", SqliteType.Text);
        update.Parameters.Add("$phase", SqliteType.Integer);
        update.Parameters.Add("$completed", SqliteType.Integer);
        update.Parameters.Add("$at", SqliteType.Integer);
        update.Parameters.Add("$seq", SqliteType.Integer);
        update.Parameters.Add("$requiresPrevious", SqliteType.Integer);

        // Parameters in the order TaskListRowChange.ExecuteAsync fills them.
        foreach (var row in changes.Select(TaskListRowChange.From))
        {
            await row.ExecuteAsync(insert, update, cancellationToken);
        }

        await using var store = connection.CreateCommand();
        store.Transaction = transaction;
        store.CommandText = """
            INSERT INTO projection_offset (projection, ordering) VALUES ($name, $ordering)
            ON CONFLICT (projection) DO UPDATE SET ordering = MAX(ordering, excluded.ordering)
            """;
        store.Parameters.AddWithValue("$name", ProjectionName);
        store.Parameters.AddWithValue("$ordering", position.Ordering);
        await store.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<TaskListPage> QueryAsync(TaskListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {TaskListPageReader.Columns}
            FROM task_list
            WHERE {(query.ParentId is null ? string.Empty : "parent_id = $parent AND ")}($state IS NULL OR state = $state)
              AND ($type IS NULL OR task_type = $type)
              AND ($afterCreated IS NULL OR (created_at, task_id) < ($afterCreated, $afterId))
            ORDER BY created_at DESC, task_id DESC
            LIMIT $take
            """;
        command.Parameters.AddWithValue("$state", query.State?.ToString() ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("$type", query.TaskType ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("$afterCreated", query.After?.CreatedAtMs ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("$afterId", query.After?.TaskId ?? (object)DBNull.Value);
        if (query.ParentId is not null)
        {
            // Only named when given: "$parent IS NULL OR …" would keep SQLite from using task_list_by_parent.
            command.Parameters.AddWithValue("$parent", query.ParentId);
        }

        // One row more than asked tells whether there is a next page.
        command.Parameters.AddWithValue("$take", query.Limit + 1);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await TaskListPageReader.ReadAsync(reader, query.Limit, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<TaskLifecycleState, long>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = TaskStateCounts.Query;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await TaskStateCounts.ReadAsync(reader, cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // The projection writes next to the journals: wait for the lock in SQLite, not in 150 ms sleeps.
        SqliteBusyWait.Apply(connection);
        return connection;
    }
}
