using System.Diagnostics;

namespace PhaseFlow.Bench;

/// <summary>
/// M tasks whose first phase keeps running: how fast they start (submit → first phase started), what each costs
/// in memory while running, and, after the node is aborted like a crash, how long a new node on the same
/// database takes until every one of them is running again (its first phase re-run: at-least-once).
/// </summary>
internal static class StartsAndRecoveryRun
{
    public sealed record Result(double StartsPerSecond, double BytesPerRunningTask, double RecoverySeconds, bool Started, bool Recovered, long RecoveredCount);

    public static async Task<Result> RunAsync(BenchOptions options)
    {
        using var scratch = new Scratch("recovery");
        var m = options.Recover;

        var first = await BenchNode.StartAsync(scratch, new BenchProbe(expectedPhases: m, expectedPlans: long.MaxValue)).ConfigureAwait(false);
        var heapBefore = Heap.LiveBytes();
        var watch = Stopwatch.StartNew();
        var submits = Enumerable.Range(0, m).Select(i => first.SubmitAsync($"rc-{i:D6}", BenchMode.Hold, 1)).ToArray();
        var started = await Waiting.ForAsync(first.Probe.PhasesReached, options.Patience).ConfigureAwait(false);
        var startSeconds = watch.Elapsed.TotalSeconds;
        await Task.WhenAll(submits).ConfigureAwait(false);
        var bytesPerTask = (Heap.LiveBytes() - heapBefore) / (double)m;
        var startsPerSecond = (started ? m : first.Probe.Phases) / startSeconds;

        await first.AbortAsync().ConfigureAwait(false);

        var probe = new BenchProbe(expectedPhases: m, expectedPlans: long.MaxValue);
        watch.Restart();
        await using var second = await BenchNode.StartAsync(scratch, probe).ConfigureAwait(false);
        var recovered = await Waiting.ForAsync(probe.PhasesReached, options.Patience).ConfigureAwait(false);
        var recoverySeconds = watch.Elapsed.TotalSeconds;
        return new Result(startsPerSecond, bytesPerTask, recoverySeconds, started, recovered, probe.Phases);
    }
}
