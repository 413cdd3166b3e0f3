using System.Diagnostics;

namespace PhaseFlow.Bench;

/// <summary>One task alone on a node on a fresh database: the time from one phase's start to the next one's, over many phases.</summary>
internal static class LatencyRun
{
    public sealed record Result(Percentiles PhaseToPhase, bool Completed);

    public static async Task<Result> RunAsync(BenchOptions options, IBenchDatabase database)
    {
        var probe = new BenchProbe(expectedPhases: options.LatencyPhases, expectedPlans: 1, recordTimeline: true);
        await using var node = await BenchNode.StartAsync(database, probe).ConfigureAwait(false);

        await node.SubmitAsync("latency", BenchMode.Noop, options.LatencyPhases).ConfigureAwait(false);
        var completed = await Waiting.ForAsync(probe.PlansReached, options.Patience).ConfigureAwait(false);
        var timeline = probe.Timeline;

        // The first few phases warm the path up (JIT, connection pool); they are left out.
        var warmUp = Math.Min(10, timeline.Count / 10);
        var gaps = new List<double>();
        for (var i = warmUp + 1; i < timeline.Count; i++)
        {
            gaps.Add(Stopwatch.GetElapsedTime(timeline[i - 1], timeline[i]).TotalMilliseconds);
        }

        return new Result(Percentiles.Of(gaps), completed);
    }
}
