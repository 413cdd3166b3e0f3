namespace PhaseFlow.Bench.Peers;

/// <summary>The job Hangfire runs for one phase; public because Hangfire stores and invokes it by name.</summary>
public static class HangfirePhase
{
    /// <summary>Runs phase <paramref name="phase"/> of <paramref name="task"/>: a no-op.</summary>
    public static void Run(string task, int phase)
    {
        _ = task;
        _ = phase;
        PhaseCounter.Ran();
    }
}
