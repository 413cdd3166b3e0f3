using Microsoft.Data.Sqlite;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>Reads the task journal in the node's SQLite file, by <c>ordering</c>.</summary>
/// <remarks>
/// SQLite has one writer at a time: a transaction holds the write lock from its first insert to its commit, and a
/// rolled-back insert gives its <c>ordering</c> back. So the rows a reader sees always start at the beginning without
/// holes, no row can later appear before one already seen, and every row read is settled.
/// </remarks>
/// <param name="connectionString">The database's connection string.</param>
public sealed class SqliteTaskJournalReader(string connectionString) : ITaskJournalReader
{
    // The journal plugin creates its table when it first starts, which may be after the task list does.
    private bool _journalExists;

    /// <inheritdoc/>
    public async Task<JournalBatch> ReadAsync(JournalPosition settledAfter, JournalPosition aheadAfter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!_journalExists)
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'journal'";
            _journalExists = (long)(await exists.ExecuteScalarAsync(cancellationToken))! > 0;
            if (!_journalExists)
            {
                return JournalBatch.Empty;
            }
        }

        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT ordering, persistence_id, sequence_number, identifier, manifest, message
            FROM journal
            WHERE ordering > $after AND deleted = 0
            ORDER BY ordering
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", settledAfter.Ordering);
        command.Parameters.AddWithValue("$limit", limit);

        var rows = new List<JournalRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new JournalRecord(
                new JournalPosition(0, reader.GetInt64(0)),
                reader.GetString(1),
                reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                (byte[])reader.GetValue(5)));
        }

        return new JournalBatch(rows, []);
    }
}
