using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.Tasks;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// <see cref="IAcceptedTasks"/> over the SQLite file: a read of the <c>journal</c> table's (persistence_id,
/// sequence_number) index. In WAL mode the read neither waits for nor blocks the journal's writes.
/// </summary>
/// <param name="connectionString">The connection string of the node's database file.</param>
public sealed class SqliteAcceptedTasks(string connectionString) : IAcceptedTasks
{
    // The task journal's table (the plugin's default name; hocon/phaseflow.conf does not rename it).
    private const string JournalTable = "journal";

    // The plugin creates its tables when the journal first starts, which may be after the first request arrives.
    private volatile bool _journalExists;

    /// <inheritdoc/>
    public async Task<bool> ContainsAsync(string taskId, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (!_journalExists)
        {
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $table)";
            command.Parameters.AddWithValue("$table", JournalTable);
            if (await command.ExecuteScalarAsync(cancellationToken) is not 1L)
            {
                // No journal table yet means no event was ever stored.
                return false;
            }

            _journalExists = true;
            command.Parameters.Clear();
        }

        command.CommandText = $"SELECT EXISTS (SELECT 1 FROM {JournalTable} WHERE persistence_id = $id)";
        command.Parameters.AddWithValue("$id", PersistenceIds.ForTask(taskId));
        return await command.ExecuteScalarAsync(cancellationToken) is 1L;
    }
}
