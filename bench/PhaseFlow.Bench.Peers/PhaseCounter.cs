namespace PhaseFlow.Bench.Peers;

/// <summary>Counts the phases a peer ran and completes when the expected number is reached.</summary>
public static class PhaseCounter
{
    private static long _phases;
    private static long _expected;
    private static TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Task Reached => _reached.Task;

    public static long Phases => Interlocked.Read(ref _phases);

    public static void Expect(long phases)
    {
        _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _expected, phases);
        Interlocked.Exchange(ref _phases, 0);
    }

    /// <summary>One no-op phase: what a bench phase does (nothing but report that it ran).</summary>
    public static void Ran()
    {
        if (Interlocked.Increment(ref _phases) == Interlocked.Read(ref _expected))
        {
            _reached.TrySetResult();
        }
    }
}
