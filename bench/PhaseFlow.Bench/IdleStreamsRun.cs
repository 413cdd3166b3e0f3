using System.Diagnostics;
using PhaseFlow.Actors.ReadModel;

namespace PhaseFlow.Bench;

/// <summary>
/// N open event streams (<see cref="TaskChangeFeed.FollowAsync"/>, what GET /tasks/{id}/events serves) on N tasks that
/// wait an hour for a retry: nothing changes, so whatever CPU the node uses is the cost of keeping the streams open.
/// </summary>
internal static class IdleStreamsRun
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Baseline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(30);

    /// <param name="Streams">Streams open during the measurement.</param>
    /// <param name="BaselineCpuPercent">The node's CPU (% of one core) with the tasks waiting and no stream open.</param>
    /// <param name="StreamsCpuPercent">The same with every stream open.</param>
    /// <param name="FailedStreams">Streams that ended with an error (by the end of the measurement).</param>
    /// <param name="Completed">Every task reached its wait and every stream delivered the task's first changes or failed.</param>
    /// <param name="AfterCpuPercent">
    /// The baseline again once the streams are closed: a baseline far from it means the node was still busy with the
    /// submissions (task list, sharding) when the first one was taken, and only this one is the streams' reference.
    /// </param>
    public sealed record Result(int Streams, double BaselineCpuPercent, double StreamsCpuPercent, int FailedStreams, bool Completed, double AfterCpuPercent);

    public static async Task<Result> RunAsync(BenchOptions options)
    {
        using var scratch = new Scratch("idle-streams");
        var n = options.Tasks;
        await using var node = await BenchNode.StartAsync(scratch, new BenchProbe(expectedPhases: n, expectedPlans: long.MaxValue)).ConfigureAwait(false);
        var ids = Enumerable.Range(0, n).Select(i => $"stream-{i:D6}").ToArray();
        await Task.WhenAll(ids.Select(id => node.SubmitAsync(id, BenchMode.Idle, 1))).ConfigureAwait(false);
        var waiting = await Waiting.ForAsync(node.Probe.PhasesReached, options.Patience).ConfigureAwait(false)
            && await Waiting.UntilAsync(() => scratch.Count("SELECT count(*) FROM journal WHERE manifest = 'E-PAF'") >= n, options.Patience).ConfigureAwait(false);
        await Task.Delay(Settle).ConfigureAwait(false);
        var baseline = await CpuPercentAsync(Baseline).ConfigureAwait(false);

        using var stop = new CancellationTokenSource();
        var received = new int[n];
        var failed = 0;
        var streams = ids.Select((id, i) => Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in node.Feed.FollowAsync(id, 0, stop.Token).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref received[i]);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Closed by the run.
            }
            catch (Exception e)
            {
                // A stream that broke (the journal's query timed out) is counted, not fatal: it is part of the result.
                if (Interlocked.Increment(ref failed) == 1)
                {
                    Console.Error.WriteLine($"first stream to fail: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToArray();
        var opened = await Waiting.UntilAsync(() => Enumerable.Range(0, n).Count(i => Volatile.Read(ref received[i]) > 0) + Volatile.Read(ref failed) >= n, options.Patience).ConfigureAwait(false);
        await Task.Delay(Settle).ConfigureAwait(false);
        var withStreams = await CpuPercentAsync(Measured).ConfigureAwait(false);

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(streams).ConfigureAwait(false);
        await Task.Delay(Settle).ConfigureAwait(false);
        var after = await CpuPercentAsync(Baseline).ConfigureAwait(false);
        return new Result(n, Math.Round(baseline, 1), Math.Round(withStreams, 1), failed, waiting && opened, Math.Round(after, 1));
    }

    /// <summary>This process's CPU time over a wall-clock span, as a percentage of one core.</summary>
    private static async Task<double> CpuPercentAsync(TimeSpan span)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(span).ConfigureAwait(false);
        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / wall.Elapsed.TotalMilliseconds * 100;
    }
}
