using PhaseFlow.Actors.Hosting;

namespace PhaseFlow.Bench;

/// <summary>
/// M tasks waiting an hour for a retry, doing nothing; their memory each, twice: kept in memory (remembered by their
/// shard, a timer each), and asleep as a node runs them by default (passivated, a wake-up row each in the database).
/// </summary>
internal static class IdleMemoryRun
{
    public sealed record Result(double BytesPerIdleTask, bool Completed, double BytesPerSleepingTask, bool SleepCompleted);

    public static async Task<Result> RunAsync(BenchOptions options)
    {
        // SleepAfter longer than the wait keeps every waiting task in memory, as before tasks could sleep.
        var (inMemory, completed) = await MeasureAsync(options, "idle", o => o.SleepAfter = TimeSpan.FromDays(1), asleep: false).ConfigureAwait(false);
        var (asleep, sleepCompleted) = await MeasureAsync(options, "sleeping", _ => { }, asleep: true).ConfigureAwait(false);
        return new Result(inMemory, completed, asleep, sleepCompleted);
    }

    private static async Task<(double BytesPerTask, bool Completed)> MeasureAsync(BenchOptions options, string name, Action<PhaseFlowOptions> configure, bool asleep)
    {
        using var scratch = new Scratch(name);
        var m = options.Recover;
        await using var node = await BenchNode.StartAsync(scratch, new BenchProbe(expectedPhases: m, expectedPlans: long.MaxValue), configure).ConfigureAwait(false);
        var heapBefore = Heap.LiveBytes();
        await Task.WhenAll(Enumerable.Range(0, m).Select(i => node.SubmitAsync($"{name}-{i:D6}", BenchMode.Idle, 1))).ConfigureAwait(false);
        var completed = await Waiting.ForAsync(node.Probe.PhasesReached, options.Patience).ConfigureAwait(false)
            && await Waiting.UntilAsync(() => scratch.Count("SELECT count(*) FROM journal WHERE manifest = 'E-PAF'") >= m, options.Patience).ConfigureAwait(false);
        if (asleep)
        {
            // Asleep means both: the wake-up is stored, and the shard holds no actor for the task any more.
            completed = completed
                && await Waiting.UntilAsync(() => scratch.Count("SELECT count(*) FROM task_wakeup") >= m, options.Patience).ConfigureAwait(false)
                && await Waiting.UntilAsync(async () => await node.LiveTaskCountAsync().ConfigureAwait(false) == 0, options.Patience).ConfigureAwait(false);
        }

        var bytesPerTask = (Heap.LiveBytes() - heapBefore) / (double)m;

        // Profiling aid: PHASEFLOW_BENCH_HOLD=SECONDS keeps the idle tasks alive that long (for dotnet-gcdump).
        if (int.TryParse(Environment.GetEnvironmentVariable("PHASEFLOW_BENCH_HOLD"), out var hold) && hold > 0)
        {
            Console.Error.WriteLine($"holding {m} {name} tasks for {hold} s in process {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(hold)).ConfigureAwait(false);
        }

        return (bytesPerTask, completed);
    }
}
