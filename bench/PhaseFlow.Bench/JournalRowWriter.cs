using Npgsql;
using NpgsqlTypes;

namespace PhaseFlow.Bench;

/// <summary>
/// Writes journal rows of a node's shape (a <c>PhaseCompleted</c> event: manifest <c>E-PC</c>, PhaseFlow's serializer
/// id, a writer id) one transaction at a time on one connection, as a multi-row <c>INSERT</c> or a binary <c>COPY</c>.
/// Row <c>n</c> belongs to task <c>n % 1000</c> with sequence number <c>n / 1000 + 1</c>, the spread of 1,000 tasks.
/// </summary>
internal sealed class JournalRowWriter(NpgsqlConnection connection, PostgresBulkWrite write, int batch, byte[] payload)
{
    private const int SerializerId = 4701;
    private const string Manifest = "E-PC";
    private const string WriterId = "00000000000000000000000000000000";
    private const string Columns = "created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid";

    private NpgsqlCommand? _insert;

    /// <summary>Writes rows <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 and commits.</summary>
    public async Task WriteAsync(int first, int count)
    {
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        if (write == PostgresBulkWrite.Copy)
        {
            await using var import = await connection.BeginBinaryImportAsync($"COPY journal ({Columns}) FROM STDIN (FORMAT BINARY)").ConfigureAwait(false);
            for (var row = first; row < first + count; row++)
            {
                await import.StartRowAsync().ConfigureAwait(false);
                await import.WriteAsync(DateTime.UtcNow.Ticks, NpgsqlDbType.Bigint).ConfigureAwait(false);
                await import.WriteAsync(false, NpgsqlDbType.Boolean).ConfigureAwait(false);
                await import.WriteAsync(PersistenceId(row), NpgsqlDbType.Text).ConfigureAwait(false);
                await import.WriteAsync(SequenceNumber(row), NpgsqlDbType.Bigint).ConfigureAwait(false);
                await import.WriteAsync(payload, NpgsqlDbType.Bytea).ConfigureAwait(false);
                await import.WriteAsync(Manifest, NpgsqlDbType.Text).ConfigureAwait(false);
                await import.WriteAsync(SerializerId, NpgsqlDbType.Integer).ConfigureAwait(false);
                await import.WriteAsync(WriterId, NpgsqlDbType.Text).ConfigureAwait(false);
            }

            await import.CompleteAsync().ConfigureAwait(false);
        }
        else
        {
            var insert = await InsertAsync(count).ConfigureAwait(false);
            try
            {
                insert.Transaction = transaction;
                for (var i = 0; i < count; i++)
                {
                    insert.Parameters[(4 * i) + 0].Value = DateTime.UtcNow.Ticks;
                    insert.Parameters[(4 * i) + 1].Value = PersistenceId(first + i);
                    insert.Parameters[(4 * i) + 2].Value = SequenceNumber(first + i);
                    insert.Parameters[(4 * i) + 3].Value = payload;
                }

                await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            finally
            {
                if (insert != _insert)
                {
                    await insert.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    private static string PersistenceId(int row) => $"task-bench-{row % 1000:D5}";

    private static long SequenceNumber(int row) => (row / 1000) + 1L;

    /// <summary>Gets the prepared statement for a full batch (built once), or a one-off one for a shorter last batch.</summary>
    private async Task<NpgsqlCommand> InsertAsync(int count)
    {
        if (count == batch && _insert is not null)
        {
            return _insert;
        }

        // Four parameters per row: each row sends its own event bytes, as the plugin does.
        var values = string.Join(", ", Enumerable.Range(0, count).Select(i => $"(${(4 * i) + 1}, false, ${(4 * i) + 2}, ${(4 * i) + 3}, ${(4 * i) + 4}, '{Manifest}', {SerializerId}, '{WriterId}')"));
        var insert = new NpgsqlCommand($"INSERT INTO journal ({Columns}) VALUES {values}", connection);
        for (var i = 0; i < count; i++)
        {
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
        }

        if (count != batch)
        {
            return insert;
        }

        await insert.PrepareAsync().ConfigureAwait(false);
        _insert = insert;
        return insert;
    }
}
