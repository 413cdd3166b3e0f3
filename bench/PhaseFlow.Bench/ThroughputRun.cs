using System.Diagnostics;

namespace PhaseFlow.Bench;

/// <summary>N tasks of K no-op phases submitted at once to one node on a fresh database; timed until every plan has ended.</summary>
internal static class ThroughputRun
{
    public sealed record Result(double PhasesPerSecond, double RowsPerSecond, double CpuMsPerPhase, double Seconds, long TaskRows, long ShardingRows, bool Completed);

    public static async Task<Result> RunAsync(BenchOptions options, IBenchDatabase database)
    {
        var probe = new BenchProbe(expectedPhases: (long)options.Tasks * options.Phases, expectedPlans: options.Tasks);
        await using var node = await BenchNode.StartAsync(database, probe).ConfigureAwait(false);

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
        var taskRows = await database.CountAsync("SELECT count(*) FROM journal").ConfigureAwait(false);
        var shardingRows = await database.CountAsync("SELECT count(*) FROM sharding_journal").ConfigureAwait(false);
        return new Result(phases / seconds, (taskRows + shardingRows) / seconds, cpu.TotalMilliseconds / Math.Max(1, phases), seconds, taskRows, shardingRows, completed);
    }
}
