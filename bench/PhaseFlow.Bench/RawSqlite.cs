using System.Diagnostics;
using Microsoft.Data.Sqlite;
using PhaseFlow.Actors.Persistence;

namespace PhaseFlow.Bench;

/// <summary>
/// The storage limit: rows of the journal's shape written straight into a fresh SQLite file that the node's own
/// <see cref="SqliteStorage"/> prepared (same connection string, WAL, and whatever synchronous level a connection of
/// that string gets), with no actor, plugin or serializer in between.
/// </summary>
internal static class RawSqlite
{
    /// <summary>The columns and index Akka.Persistence.Sql creates for its SQLite journal (default table mapping).</summary>
    private const string Schema = """
        CREATE TABLE journal (
          ordering INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
          deleted INTEGER NOT NULL,
          persistence_id NVARCHAR(255) NOT NULL,
          sequence_number INTEGER NOT NULL,
          created INTEGER NOT NULL,
          tags NVARCHAR(100) NULL,
          message BLOB NOT NULL,
          identifier INTEGER NULL,
          manifest NVARCHAR(500) NOT NULL,
          writer_uuid NVARCHAR(128) NULL);
        CREATE UNIQUE INDEX journal_persistence_id_sequence_number_idx ON journal (persistence_id, sequence_number);
        CREATE INDEX journal_created_idx ON journal (created);
        """;

    private const string Insert = """
        INSERT INTO journal (deleted, persistence_id, sequence_number, created, tags, message, identifier, manifest, writer_uuid)
        VALUES (0, $pid, $seq, $created, '', $message, 4701, 'E-PC', $writer)
        """;

    /// <summary>Writes <paramref name="rows"/> rows in transactions of <paramref name="batch"/> rows each.</summary>
    /// <returns>Rows per second.</returns>
    public static double BatchedRowsPerSecond(string folder, int rows, int batch)
    {
        using var connection = Open(folder, "batched.db");
        using var insert = Prepare(connection);
        var payload = BenchPayload.PhaseCompleted();
        var watch = Stopwatch.StartNew();
        for (var written = 0; written < rows;)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < batch && written < rows; i++, written++)
            {
                Bind(insert, written, payload);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return rows / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Commits <paramref name="commits"/> transactions of one row each, one after the other.</summary>
    /// <returns>The latency of each commit (insert + commit), and the commits per second.</returns>
    public static (Percentiles Latency, double PerSecond) SingleRowCommits(string folder, int commits)
    {
        using var connection = Open(folder, "single.db");
        using var insert = Prepare(connection);
        var payload = BenchPayload.PhaseCompleted();
        var latencies = new List<double>(commits);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            Bind(insert, i, payload);
            insert.ExecuteNonQuery();
            transaction.Commit();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return (Percentiles.Of(latencies), commits / total.Elapsed.TotalSeconds);
    }

    /// <summary>Gets the synchronous level a connection opened with the node's connection string runs at.</summary>
    public static string SynchronousLevel(string folder)
    {
        using var connection = Open(folder, "pragma.db");
        return Synchronous(connection);
    }

    private static SqliteConnection Open(string folder, string file)
    {
        var storage = new SqliteStorage(Path.Combine(folder, $"{Guid.NewGuid():N}-{file}"), TimeSpan.FromSeconds(30));
        storage.Prepare();
        var connection = new SqliteConnection(storage.ConnectionString);
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = Schema;
        create.ExecuteNonQuery();
        return connection;
    }

    private static string Synchronous(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) switch
        {
            0 => "OFF",
            1 => "NORMAL",
            2 => "FULL",
            3 => "EXTRA",
            var other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static SqliteCommand Prepare(SqliteConnection connection)
    {
        var insert = connection.CreateCommand();
        insert.CommandText = Insert;
        insert.Parameters.Add("$pid", SqliteType.Text);
        insert.Parameters.Add("$seq", SqliteType.Integer);
        insert.Parameters.Add("$created", SqliteType.Integer);
        insert.Parameters.Add("$message", SqliteType.Blob);
        insert.Parameters.Add("$writer", SqliteType.Text);
        insert.Prepare();
        return insert;
    }

    private static void Bind(SqliteCommand insert, int row, byte[] payload)
    {
        // The same spread as the bench: 1,000 tasks, each with its own growing sequence.
        insert.Parameters["$pid"].Value = $"task-bench-{row % 1000:D5}";
        insert.Parameters["$seq"].Value = (row / 1000) + 1;
        insert.Parameters["$created"].Value = DateTime.UtcNow.Ticks;
        insert.Parameters["$message"].Value = payload;
        insert.Parameters["$writer"].Value = "00000000000000000000000000000000";
    }
}
