namespace PhaseFlow.Bench;

/// <summary>M tasks waiting an hour for a retry: alive, remembered by their shard, doing nothing. Their memory each.</summary>
internal static class IdleMemoryRun
{
    public sealed record Result(double BytesPerIdleTask, bool Completed);

    public static async Task<Result> RunAsync(BenchOptions options)
    {
        using var scratch = new Scratch("idle");
        var m = options.Recover;
        await using var node = await BenchNode.StartAsync(scratch, new BenchProbe(expectedPhases: m, expectedPlans: long.MaxValue)).ConfigureAwait(false);
        var heapBefore = Heap.LiveBytes();
        await Task.WhenAll(Enumerable.Range(0, m).Select(i => node.SubmitAsync($"idle-{i:D6}", BenchMode.Idle, 1))).ConfigureAwait(false);
        var completed = await Waiting.ForAsync(node.Probe.PhasesReached, options.Patience).ConfigureAwait(false)
            && await Waiting.UntilAsync(() => scratch.Count("SELECT count(*) FROM journal WHERE manifest = 'E-PAF'") >= m, options.Patience).ConfigureAwait(false);
        var result = new Result((Heap.LiveBytes() - heapBefore) / (double)m, completed);

        // Profiling aid: PHASEFLOW_BENCH_HOLD=SECONDS keeps the idle tasks alive that long (for dotnet-gcdump).
        if (int.TryParse(Environment.GetEnvironmentVariable("PHASEFLOW_BENCH_HOLD"), out var hold) && hold > 0)
        {
            Console.Error.WriteLine($"holding {m} idle tasks for {hold} s in process {Environment.ProcessId}");
            await Task.Delay(TimeSpan.FromSeconds(hold)).ConfigureAwait(false);
        }

        return result;
    }
}
