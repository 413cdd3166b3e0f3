using System.Text.Json;
using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.Tasks;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// <see cref="ITaskJournalHeads"/> over the SQLite file: one statement for all tasks, each task's last row found
/// through the <c>journal</c> table's (persistence_id, sequence_number) index. In WAL mode the read neither waits for
/// nor blocks the journal's writes.
/// </summary>
/// <param name="connectionString">The connection string of the node's database file.</param>
public sealed class SqliteTaskJournalHeads(string connectionString) : ITaskJournalHeads
{
    // The ids go in as one JSON array: a parameter per id would hit SQLite's limit on parameters for a large node.
    // ORDER BY … LIMIT 1 per id reads one index entry, however long the task's journal is.
    private const string Query = """
        SELECT ids.value, (SELECT j.sequence_number FROM journal j WHERE j.persistence_id = ids.value ORDER BY j.sequence_number DESC LIMIT 1)
        FROM json_each($ids) ids
        """;

    // The plugin creates its tables when the journal first starts, which may be after the first stream opens.
    private volatile bool _journalExists;

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        if (taskIds.Count == 0)
        {
            return heads;
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (!_journalExists)
        {
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal')";
            if (await command.ExecuteScalarAsync(cancellationToken) is not 1L)
            {
                // No journal table yet means no event was ever stored.
                return heads;
            }

            _journalExists = true;
        }

        var byPersistenceId = taskIds.Distinct(StringComparer.Ordinal).ToDictionary(PersistenceIds.ForTask, StringComparer.Ordinal);
        command.CommandText = Query;
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(byPersistenceId.Keys));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(1))
            {
                heads[byPersistenceId[reader.GetString(0)]] = reader.GetInt64(1);
            }
        }

        return heads;
    }
}
