using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.Tasks;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Reads a node's event journal table directly, SQLite file or PostgreSQL database alike: what was really stored,
/// whatever the API says. Each read opens a connection of its own and closes it, so nothing outlives a test's node.
/// </summary>
public sealed class JournalReader
{
    private const string Columns = "persistence_id, sequence_number, manifest, message";
    private readonly Func<DbConnection> _connect;
    private readonly bool _postgres;

    private JournalReader(Func<DbConnection> connect, bool postgres)
    {
        _connect = connect;
        _postgres = postgres;
    }

    /// <summary>A reader of a SQLite journal.</summary>
    /// <param name="databasePath">The database file (it must exist; the reader never creates one).</param>
    /// <returns>The reader.</returns>
    public static JournalReader Sqlite(string databasePath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        return new JournalReader(() => new SqliteConnection(connectionString), postgres: false);
    }

    /// <summary>A reader of a PostgreSQL journal.</summary>
    /// <param name="connectionString">The database's connection string.</param>
    /// <returns>The reader.</returns>
    public static JournalReader Postgres(string connectionString) => new(() => new NpgsqlConnection(connectionString), postgres: true);

    /// <summary>Reads a task's rows in order.</summary>
    /// <param name="taskId">The task id (its persistence id is <c>task-</c> and the id).</param>
    /// <returns>The rows; none when the task wrote nothing.</returns>
    public Task<List<JournalRow>> ReadTaskAsync(string taskId) => ReadAsync(PersistenceIds.ForTask(taskId));

    /// <summary>Reads one persistence id's rows in order.</summary>
    /// <param name="persistenceId">For example <c>task-t1</c>.</param>
    /// <returns>The rows; none when it wrote nothing.</returns>
    public async Task<List<JournalRow>> ReadAsync(string persistenceId)
    {
        await using var connection = _connect();
        await connection.OpenAsync();
        await using var command = Command(connection, $"SELECT {Columns} FROM journal WHERE persistence_id = @id ORDER BY sequence_number", persistenceId);
        return await RowsAsync(command);
    }

    /// <summary>Lists the ids of the tasks that wrote at least one event and whose id starts with <paramref name="prefix"/>: for example every child of one parent, however it got started.</summary>
    /// <param name="prefix">The start of the task ids (matched literally).</param>
    /// <returns>The task ids, sorted ordinally.</returns>
    public async Task<List<string>> TaskIdsAsync(string prefix)
    {
        await using var connection = _connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT persistence_id FROM journal WHERE persistence_id LIKE @prefix";
        AddParameter(command, "prefix", PersistenceIds.TaskPrefix + "%");
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            // LIKE would read '_' and '%' in a task id as wildcards: the prefix itself is compared here.
            var id = reader.GetString(0)[PersistenceIds.TaskPrefix.Length..];
            if (id.StartsWith(prefix, StringComparison.Ordinal))
            {
                ids.Add(id);
            }
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    /// <summary>Counts every row of the <c>journal</c> table (the tasks' events; sharding keeps its own tables).</summary>
    /// <returns>The number of rows.</returns>
    public long CountRows()
    {
        using var connection = _connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM journal";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads one persistence id's rows in order (for synchronous tests of a SQLite journal).</summary>
    /// <param name="persistenceId">For example <c>task-t1</c>.</param>
    /// <returns>The rows; none when it wrote nothing.</returns>
    public List<JournalRow> Read(string persistenceId)
    {
        using var connection = _connect();
        connection.Open();
        using var command = Command(connection, $"SELECT {Columns} FROM journal WHERE persistence_id = @id ORDER BY sequence_number", persistenceId);
        using var reader = command.ExecuteReader();
        var rows = new List<JournalRow>();
        while (reader.Read())
        {
            rows.Add(RowOf(reader));
        }

        return rows;
    }

    /// <summary>
    /// Reads the rows of many tasks in one statement, so one consistent moment of the journal: for example what was
    /// stored when a node was killed.
    /// </summary>
    /// <param name="taskIds">The task ids.</param>
    /// <returns>Each task's rows in order (an empty list for a task that wrote nothing).</returns>
    public async Task<Dictionary<string, List<JournalRow>>> ReadTasksAsync(IEnumerable<string> taskIds)
    {
        var ids = taskIds.ToList();
        await using var connection = _connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM journal WHERE persistence_id LIKE @prefix ORDER BY persistence_id, sequence_number";
        AddParameter(command, "prefix", PersistenceIds.TaskPrefix + "%");
        var byPersistenceId = (await RowsAsync(command)).ToLookup(r => r.PersistenceId);
        return ids.ToDictionary(id => id, id => byPersistenceId[PersistenceIds.ForTask(id)].ToList());
    }

    /// <summary>
    /// Reads where every row of a PostgreSQL journal stands for the task list (its transaction id and ordering), in
    /// ordering order: for tests of the projection's position.
    /// </summary>
    /// <returns>Each row's persistence id and position.</returns>
    public async Task<List<(string PersistenceId, JournalPosition Position)>> PositionsAsync()
    {
        if (!_postgres)
        {
            throw new InvalidOperationException("Only a PostgreSQL journal records transaction ids.");
        }

        await using var connection = _connect();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, tx_id, ordering FROM journal ORDER BY ordering";
        await using var reader = await command.ExecuteReaderAsync();
        var positions = new List<(string, JournalPosition)>();
        while (await reader.ReadAsync())
        {
            positions.Add((reader.GetString(0), new JournalPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(2))));
        }

        return positions;
    }

    /// <summary>Reads the position of a persistence id's first row in a PostgreSQL journal (<see cref="PositionsAsync"/>).</summary>
    /// <param name="persistenceId">For example <c>task-t1</c>.</param>
    /// <returns>The position.</returns>
    public async Task<JournalPosition> FirstPositionAsync(string persistenceId) =>
        (await PositionsAsync()).FirstOrDefault(p => p.PersistenceId == persistenceId) is { PersistenceId: not null } row
            ? row.Position
            : throw new InvalidOperationException($"No journal row for {persistenceId}.");

    private static DbCommand Command(DbConnection connection, string sql, string persistenceId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        AddParameter(command, "id", persistenceId);
        return command;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<List<JournalRow>> RowsAsync(DbCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<JournalRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(RowOf(reader));
        }

        return rows;
    }

    private static JournalRow RowOf(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), System.Text.Encoding.UTF8.GetString((byte[])reader[3]));
}
