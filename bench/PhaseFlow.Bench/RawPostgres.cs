using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace PhaseFlow.Bench;

/// <summary>
/// The storage limit on PostgreSQL: rows of the journal's shape in a table of their own (created and dropped here),
/// batched 100 per transaction, at the server's own <c>synchronous_commit</c> level; plus single-row commits.
/// </summary>
internal static class RawPostgres
{
    public sealed record Result(double RowsPerSecond, double CommitsPerSecond, Percentiles Commit, string SynchronousCommit);

    public static async Task<Result> RunAsync(string connectionString, int rows, int commits)
    {
        var table = $"phaseflow_bench_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await ExecuteAsync(connection, $"""
            CREATE TABLE {table} (
              ordering BIGSERIAL PRIMARY KEY,
              deleted BOOLEAN NOT NULL,
              persistence_id VARCHAR(255) NOT NULL,
              sequence_number BIGINT NOT NULL,
              created BIGINT NOT NULL,
              tags VARCHAR(100) NULL,
              message BYTEA NOT NULL,
              identifier INTEGER NULL,
              manifest VARCHAR(500) NOT NULL,
              writer_uuid VARCHAR(128) NULL,
              UNIQUE (persistence_id, sequence_number));
            """).ConfigureAwait(false);
        try
        {
            await using var show = new NpgsqlCommand("SHOW synchronous_commit", connection);
            var synchronousCommit = (string)(await show.ExecuteScalarAsync().ConfigureAwait(false))!;
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {table} (deleted, persistence_id, sequence_number, created, tags, message, identifier, manifest, writer_uuid) " +
                "VALUES (false, $1, $2, $3, '', $4, 4701, 'E-PC', $5)",
                connection);
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar });
            await insert.PrepareAsync().ConfigureAwait(false);
            var payload = BenchPayload.PhaseCompleted();
            var next = 0;

            async Task WriteAsync(int count)
            {
                await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
                insert.Transaction = transaction;
                for (var i = 0; i < count; i++, next++)
                {
                    insert.Parameters[0].Value = $"task-bench-{next % 1000:D5}";
                    insert.Parameters[1].Value = (long)(next / 1000) + 1;
                    insert.Parameters[2].Value = DateTime.UtcNow.Ticks;
                    insert.Parameters[3].Value = payload;
                    insert.Parameters[4].Value = "00000000000000000000000000000000";
                    await insert.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                await transaction.CommitAsync().ConfigureAwait(false);
            }

            for (var written = 0; written < Math.Min(2000, rows); written += 100)
            {
                await WriteAsync(100).ConfigureAwait(false); // warm-up
            }

            var watch = Stopwatch.StartNew();
            for (var written = 0; written < rows; written += 100)
            {
                await WriteAsync(Math.Min(100, rows - written)).ConfigureAwait(false);
            }

            var rowsPerSecond = rows / watch.Elapsed.TotalSeconds;
            var latencies = new List<double>(commits);
            watch.Restart();
            for (var i = 0; i < commits; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await WriteAsync(1).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return new Result(rowsPerSecond, commits / watch.Elapsed.TotalSeconds, Percentiles.Of(latencies), synchronousCommit);
        }
        finally
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {table}").ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
