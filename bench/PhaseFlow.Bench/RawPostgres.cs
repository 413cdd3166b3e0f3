using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PhaseFlow.Actors.Persistence;

namespace PhaseFlow.Bench;

/// <summary>
/// The storage limit on PostgreSQL: the fastest any writer could put journal rows on this server's disk. The rows go
/// into the very <c>journal</c> table a node writes (a fresh database prepared by <see cref="PostgresStorage"/>: same
/// columns, indexes and <c>tx_id</c> default), with the node's <c>PhaseCompleted</c> payload, manifest and serializer
/// id, so each row costs the server what a node's row costs. Every way tried is measured and the best one is the limit:
/// a multi-row <c>INSERT</c> and a binary <c>COPY</c>, over 1 to 4 connections in parallel, 100 rows per transaction
/// (the plugin's largest write batch) and 1,000 (more than the plugin ever sends, to find the disk's own ceiling),
/// every session at <c>synchronous_commit = on</c> (each commit waits for its WAL flush). Plus single-row commits,
/// one after the other, for the commit latency.
/// </summary>
internal static class RawPostgres
{
    private static readonly int[] ConnectionCounts = [1, 2, 3, 4];
    private static readonly int[] BatchSizes = [100, 1000];

    public sealed record Variant(PostgresBulkWrite Write, int Connections, int RowsPerTransaction, double RowsPerSecond)
    {
        public string Description => string.Create(
            CultureInfo.InvariantCulture,
            $"{(Write == PostgresBulkWrite.Copy ? "COPY" : "multi-row INSERT")}, {Connections} connection{(Connections == 1 ? string.Empty : "s")}, {RowsPerTransaction} rows/tx");
    }

    public sealed record Result(IReadOnlyList<Variant> Variants, double CommitsPerSecond, Percentiles Commit, string SynchronousCommit, long PayloadBytes)
    {
        public Variant Best => Variants.MaxBy(v => v.RowsPerSecond)!;

        public double RowsPerSecond => Best.RowsPerSecond;

        public override string ToString() => string.Create(
            CultureInfo.InvariantCulture,
            $"limit {RowsPerSecond:F0} rows/s ({Best.Description}, synchronous_commit={SynchronousCommit}); single-row commits {CommitsPerSecond:F0}/s, p50 {Commit.P50:F3} ms, p99 {Commit.P99:F3} ms");
    }

    public static async Task<Result> RunAsync(string server, int rows, int commits, Action<string>? say = null)
    {
        await using var database = await PostgresScratch.CreateAsync(server).ConfigureAwait(false);
        new PostgresStorage(database.ConnectionString).Prepare();
        var payload = BenchPayload.PhaseCompleted();
        var variants = new List<Variant>();
        string synchronousCommit;
        await using (var probe = await OpenAsync(database.ConnectionString).ConfigureAwait(false))
        {
            synchronousCommit = await ScalarAsync(probe, "SHOW synchronous_commit").ConfigureAwait(false);
        }

        foreach (var write in Enum.GetValues<PostgresBulkWrite>())
        {
            foreach (var batch in BatchSizes)
            {
                foreach (var connections in ConnectionCounts)
                {
                    var variant = await MeasureAsync(database.ConnectionString, write, connections, batch, rows, payload).ConfigureAwait(false);
                    say?.Invoke(string.Create(CultureInfo.InvariantCulture, $"raw PostgreSQL: {variant.Description}: {variant.RowsPerSecond:F0} rows/s"));
                    variants.Add(variant);
                }
            }
        }

        var (commit, commitsPerSecond) = await SingleRowCommitsAsync(database.ConnectionString, commits, payload).ConfigureAwait(false);
        return new Result(variants, commitsPerSecond, commit, synchronousCommit, payload.Length);
    }

    /// <summary>Writes <paramref name="rows"/> rows into an emptied journal over parallel connections, each claiming the next batch.</summary>
    private static async Task<Variant> MeasureAsync(string connectionString, PostgresBulkWrite write, int connections, int batch, int rows, byte[] payload)
    {
        var sessions = new List<NpgsqlConnection>();
        try
        {
            for (var c = 0; c < connections; c++)
            {
                sessions.Add(await OpenAsync(connectionString).ConfigureAwait(false));
            }

            await ExecuteAsync(sessions[0], "TRUNCATE journal RESTART IDENTITY").ConfigureAwait(false);
            var writers = sessions.Select(s => new JournalRowWriter(s, write, batch, payload)).ToList();

            // One batch per connection first, not timed: opens the path (prepare, plan cache, first pages) on each.
            var next = 0;
            foreach (var writer in writers)
            {
                await writer.WriteAsync(next, batch).ConfigureAwait(false);
                next += batch;
            }

            var end = next + rows;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(writers.Select(async writer =>
            {
                for (var start = Interlocked.Add(ref next, batch) - batch; start < end; start = Interlocked.Add(ref next, batch) - batch)
                {
                    await writer.WriteAsync(start, Math.Min(batch, end - start)).ConfigureAwait(false);
                }
            })).ConfigureAwait(false);
            return new Variant(write, connections, batch, rows / watch.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Commits one row per transaction, one after the other, on one connection.</summary>
    private static async Task<(Percentiles Latency, double PerSecond)> SingleRowCommitsAsync(string connectionString, int commits, byte[] payload)
    {
        await using var session = await OpenAsync(connectionString).ConfigureAwait(false);
        await ExecuteAsync(session, "TRUNCATE journal RESTART IDENTITY").ConfigureAwait(false);
        var writer = new JournalRowWriter(session, PostgresBulkWrite.MultiRowInsert, 1, payload);
        for (var i = 0; i < Math.Min(100, commits); i++)
        {
            await writer.WriteAsync(i, 1).ConfigureAwait(false); // warm-up
        }

        var latencies = new List<double>(commits);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < commits; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await writer.WriteAsync(100 + i, 1).ConfigureAwait(false);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return (Percentiles.Of(latencies), commits / watch.Elapsed.TotalSeconds);
    }

    /// <summary>Opens a session at <c>synchronous_commit = on</c>, whatever the server's default.</summary>
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await ExecuteAsync(connection, "SET synchronous_commit = on").ConfigureAwait(false);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
