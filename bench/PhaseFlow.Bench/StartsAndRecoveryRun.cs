using System.Diagnostics;

namespace PhaseFlow.Bench;

/// <summary>
/// M tasks whose first phase keeps running: how fast they start (submit → first phase started), what each costs
/// in memory while running, and, after the node is aborted like a crash, how long a new node on the same
/// database takes until every one of them is running again (its first phase re-run: at-least-once).
/// </summary>
internal static class StartsAndRecoveryRun
{
    // At most this many submissions wait for their answer at once, as a client with a bounded window would do. The
    // default 10,000 tasks are all submitted at once; 100,000 at once overflowed the shard region's buffer (100,000
    // messages, held while the shards are being allocated), which drops what does not fit.
    private const int SubmitWindow = 10_000;

    /// <param name="CpuMsPerStart">The process's CPU time (all threads) per task started, which a busy machine inflates less than the wall time.</param>
    /// <param name="CpuMsPerRecovery">The same per task running again after the restart.</param>
    public sealed record Result(double StartsPerSecond, double BytesPerRunningTask, double RecoverySeconds, bool Started, bool Recovered, long RecoveredCount, double CpuMsPerStart, double CpuMsPerRecovery);

    public static async Task<Result> RunAsync(BenchOptions options)
    {
        using var scratch = new Scratch("recovery");
        var m = options.Recover;

        var first = await BenchNode.StartAsync(scratch, new BenchProbe(expectedPhases: m, expectedPlans: long.MaxValue)).ConfigureAwait(false);
        var heapBefore = Heap.LiveBytes();
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        using var window = new SemaphoreSlim(SubmitWindow);
        var submits = Enumerable.Range(0, m).Select(async i =>
        {
            await window.WaitAsync().ConfigureAwait(false);
            try
            {
                await first.SubmitAsync($"rc-{i:D6}", BenchMode.Hold, 1).ConfigureAwait(false);
            }
            finally
            {
                window.Release();
            }
        }).ToArray();
        var started = await Waiting.ForAsync(first.Probe.PhasesReached, options.Patience).ConfigureAwait(false);
        var startSeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var startCpu = process.TotalProcessorTime - cpuBefore;
        await Task.WhenAll(submits).ConfigureAwait(false);
        var bytesPerTask = (Heap.LiveBytes() - heapBefore) / (double)m;
        var startsPerSecond = (started ? m : first.Probe.Phases) / startSeconds;

        await first.AbortAsync().ConfigureAwait(false);

        var probe = new BenchProbe(expectedPhases: m, expectedPlans: long.MaxValue);
        process.Refresh();
        cpuBefore = process.TotalProcessorTime;
        watch.Restart();
        await using var second = await BenchNode.StartAsync(scratch, probe).ConfigureAwait(false);
        var recovered = await Waiting.ForAsync(probe.PhasesReached, options.Patience).ConfigureAwait(false);
        var recoverySeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var recoveryCpu = process.TotalProcessorTime - cpuBefore;
        return new Result(
            startsPerSecond,
            bytesPerTask,
            recoverySeconds,
            started,
            recovered,
            probe.Phases,
            startCpu.TotalMilliseconds / Math.Max(1, started ? m : first.Probe.Phases),
            recoveryCpu.TotalMilliseconds / Math.Max(1, probe.Phases));
    }
}
