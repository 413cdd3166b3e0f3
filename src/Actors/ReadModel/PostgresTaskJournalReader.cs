using Npgsql;
using NpgsqlTypes;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Reads the task journal in PostgreSQL in the order (writing transaction, <c>ordering</c>) and never skips a
/// committed row, however late its transaction commits.
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>ordering</c> alone, as Akka.Persistence.Sql's <c>AllEvents</c> does: <c>ordering</c> comes from a
/// sequence when a row is inserted, but the row becomes visible when its transaction commits, so a row with a lower
/// value can appear after higher ones, and a rolled-back insert leaves a hole for good. The plugin's journal sequence
/// actor cannot tell the two apart; it waits <c>query-delay × max-tries</c> (10 s by default) for a hole to fill and
/// then moves past it, so a commit later than that is never read.
/// </para>
/// <para>
/// So every journal row records the id of the transaction that wrote it (<c>tx_id xid8</c>, defaulting to
/// <c>pg_current_xact_id()</c>; see <c>PostgresSchema</c>). PostgreSQL guarantees that every transaction older than
/// <c>pg_snapshot_xmin(pg_current_snapshot())</c> has ended, committed or rolled back, and a transaction that has no id
/// yet will get a larger one. Rows below that horizon are therefore settled: read in (tx_id, ordering) order, nothing
/// can ever appear before the last of them, so the stored position may pass them. A rolled-back insert only holds the
/// horizon until its transaction ends, so a hole never stalls the list.
/// </para>
/// <para>
/// The horizon is held back by any transaction with an id that is still open anywhere on the server. To keep the list
/// current meanwhile, committed rows above the horizon are returned too, as read-ahead: the task list applies them
/// only in each task's order and reads them again when they settle. Rows written before the column existed have
/// transaction id 0 and come first, in <c>ordering</c> order, as before.
/// </para>
/// </remarks>
/// <param name="connectionString">The database's Npgsql connection string.</param>
public sealed class PostgresTaskJournalReader(string connectionString) : ITaskJournalReader
{
    // One statement, so both halves see the same snapshot and the same horizon.
    private const string Query = """
        WITH horizon AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
        (SELECT TRUE, j.tx_id, j.ordering, j.persistence_id, j.sequence_number, j.identifier, j.manifest, j.message
         FROM journal j, horizon h
         WHERE (j.tx_id, j.ordering) > (@settledTx, @settledOrdering) AND j.tx_id < h.xmin AND NOT j.deleted
         ORDER BY j.tx_id, j.ordering
         LIMIT @limit)
        UNION ALL
        (SELECT FALSE, j.tx_id, j.ordering, j.persistence_id, j.sequence_number, j.identifier, j.manifest, j.message
         FROM journal j, horizon h
         WHERE (j.tx_id, j.ordering) > (@aheadTx, @aheadOrdering) AND j.tx_id >= h.xmin AND NOT j.deleted
         ORDER BY j.tx_id, j.ordering
         LIMIT @limit)
        """;

    /// <inheritdoc/>
    public async Task<JournalBatch> ReadAsync(JournalPosition settledAfter, JournalPosition aheadAfter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Query, connection);
        command.Parameters.Add(new NpgsqlParameter<ulong>("settledTx", NpgsqlDbType.Xid8) { TypedValue = settledAfter.TransactionId });
        command.Parameters.Add(new NpgsqlParameter<long>("settledOrdering", settledAfter.Ordering));
        command.Parameters.Add(new NpgsqlParameter<ulong>("aheadTx", NpgsqlDbType.Xid8) { TypedValue = aheadAfter.TransactionId });
        command.Parameters.Add(new NpgsqlParameter<long>("aheadOrdering", aheadAfter.Ordering));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));

        var settled = new List<JournalRecord>();
        var ahead = new List<JournalRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new JournalRecord(
                new JournalPosition(reader.GetFieldValue<ulong>(1), reader.GetInt64(2)),
                reader.GetString(3),
                reader.GetInt64(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetFieldValue<byte[]>(7));
            (reader.GetBoolean(0) ? settled : ahead).Add(row);
        }

        return new JournalBatch(settled, ahead);
    }
}
