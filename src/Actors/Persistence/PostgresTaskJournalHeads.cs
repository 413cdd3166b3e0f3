using Npgsql;
using PhaseFlow.Actors.Tasks;

namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// <see cref="ITaskJournalHeads"/> over the cluster's PostgreSQL database: one statement for all tasks, each task's
/// last row found through the <c>journal</c> table's (persistence_id, sequence_number) unique index.
/// </summary>
/// <param name="connectionString">The database's Npgsql connection string.</param>
public sealed class PostgresTaskJournalHeads(string connectionString) : ITaskJournalHeads
{
    // ORDER BY … LIMIT 1 per id reads one index entry, however long the task's journal is.
    private const string Query = """
        SELECT ids.pid, (SELECT j.sequence_number FROM journal j WHERE j.persistence_id = ids.pid ORDER BY j.sequence_number DESC LIMIT 1)
        FROM unnest(@ids) AS ids(pid)
        """;

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        if (taskIds.Count == 0)
        {
            return heads;
        }

        var byPersistenceId = taskIds.Distinct(StringComparer.Ordinal).ToDictionary(PersistenceIds.ForTask, StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", [.. byPersistenceId.Keys]));
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
