using System.Diagnostics;

namespace PhaseFlow.Bench;

/// <summary>
/// N tasks of K no-op phases submitted at once to one node on a fresh database; timed until every plan has ended.
/// A tenth of that work runs first on the same node, not counted.
/// </summary>
internal static class ThroughputRun
{
    public sealed record Result(double PhasesPerSecond, double RowsPerSecond, double CpuMsPerPhase, double Seconds, long TaskRows, long ShardingRows, long MeanMessageBytes, bool Completed);

    public static async Task<Result> RunAsync(BenchOptions options, IBenchDatabase database)
    {
        var warmUpTasks = Math.Max(1, options.Tasks / 10);
        var probe = new BenchProbe(expectedPhases: (long)warmUpTasks * options.Phases, expectedPlans: warmUpTasks);
        await using var node = await BenchNode.StartAsync(database, probe).ConfigureAwait(false);

        // Warm-up: without it the measured run would also pay for what a node pays once (JIT and tiered compilation of
        // the whole path, the first shard allocations, opening the journal's connections, the first pages of the
        // file), which a node that has been up for a minute no longer pays. The raw limits get warm-ups too.
        await Task.WhenAll(Enumerable.Range(0, warmUpTasks).Select(i => node.SubmitAsync($"warm-{i:D6}", BenchMode.Noop, options.Phases))).ConfigureAwait(false);
        if (!await Waiting.ForAsync(probe.PlansReached, options.Patience).ConfigureAwait(false))
        {
            return new Result(double.NaN, double.NaN, double.NaN, double.NaN, 0, 0, 0, Completed: false);
        }

        var taskRowsBefore = await database.CountAsync("SELECT count(*) FROM journal").ConfigureAwait(false);
        var shardingRowsBefore = await database.CountAsync("SELECT count(*) FROM sharding_journal").ConfigureAwait(false);
        probe.Expect(expectedPhases: (long)options.Tasks * options.Phases, expectedPlans: options.Tasks);

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var submits = Enumerable.Range(0, options.Tasks).Select(i => node.SubmitAsync($"tp-{i:D6}", BenchMode.Noop, options.Phases)).ToArray();
        var completed = await Waiting.ForAsync(probe.PlansReached, options.Patience).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        await Task.WhenAll(submits).ConfigureAwait(false);

        var phases = completed ? (long)options.Tasks * options.Phases : probe.Phases;
        var taskRows = await database.CountAsync("SELECT count(*) FROM journal").ConfigureAwait(false) - taskRowsBefore;
        var shardingRows = await database.CountAsync("SELECT count(*) FROM sharding_journal").ConfigureAwait(false) - shardingRowsBefore;
        var messageBytes = await database.CountAsync("SELECT CAST(avg(length(message)) AS INTEGER) FROM journal WHERE manifest = 'E-PC'").ConfigureAwait(false);
        return new Result(phases / seconds, (taskRows + shardingRows) / seconds, cpu.TotalMilliseconds / Math.Max(1, phases), seconds, taskRows, shardingRows, messageBytes, completed);
    }
}
