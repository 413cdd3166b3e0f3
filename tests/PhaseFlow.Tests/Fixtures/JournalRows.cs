using Microsoft.Data.Sqlite;
using Npgsql;
using PhaseFlow.Actors.ReadModel;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Writes task journal rows with SQL, bypassing the journal plugin: damaged rows, or rows in a transaction the test holds
/// open. Reading them back is <see cref="JournalReader"/>'s.
/// </summary>
public static class JournalRows
{
    /// <summary>Inserts a row into a SQLite journal and returns its ordering.</summary>
    public static async Task<long> InsertAsync(string sqliteConnectionString, string persistenceId, long sequenceNr, string manifest, int serializerId, byte[] payload)
    {
        await using var connection = new SqliteConnection(sqliteConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO journal (persistence_id, sequence_number, created, deleted, message, manifest, identifier, writer_uuid)
            VALUES ($id, $seq, 0, 0, $message, $manifest, $serializer, 'test')
            RETURNING ordering
            """;
        command.Parameters.AddWithValue("$id", persistenceId);
        command.Parameters.AddWithValue("$seq", sequenceNr);
        command.Parameters.AddWithValue("$message", payload);
        command.Parameters.AddWithValue("$manifest", manifest);
        command.Parameters.AddWithValue("$serializer", serializerId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Inserts a row into a PostgreSQL journal, in the caller's transaction if it passes one, and returns its position.</summary>
    public static async Task<JournalPosition> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string persistenceId, long sequenceNr, string manifest, int serializerId, byte[] payload)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO journal (persistence_id, sequence_number, created, deleted, message, manifest, identifier, writer_uuid)
            VALUES (@id, @seq, 0, false, @message, @manifest, @serializer, 'test')
            RETURNING tx_id, ordering
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("id", persistenceId);
        command.Parameters.AddWithValue("seq", sequenceNr);
        command.Parameters.AddWithValue("message", payload);
        command.Parameters.AddWithValue("manifest", manifest);
        command.Parameters.AddWithValue("serializer", serializerId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new JournalPosition(reader.GetFieldValue<ulong>(0), reader.GetInt64(1));
    }
}
