namespace PhaseFlow.Actors.Tasks;

/// <summary>The node's settings that take part in a task's decisions.</summary>
/// <param name="MaxInterruptedRuns">
/// How many runs of one attempt may be interrupted in a row by the node stopping before the attempt counts as
/// failed (a phase that takes the node down must not be run again forever).
/// </param>
/// <param name="SleepAfter">
/// A task that waits at least this long for its next step (a retry) records a durable wake-up and leaves memory;
/// <see langword="null"/> when the node has nothing to wake it with, and waiting tasks stay in memory.
/// </param>
/// <param name="WatchInterval">
/// How often a task that waits for other tasks (children, or a task it waits for) asks them how they stand, in case a
/// notice that one finished was lost; <see langword="null"/> for <see cref="DefaultWatchInterval"/>.
/// </param>
internal sealed record TaskRules(int MaxInterruptedRuns, TimeSpan? SleepAfter = null, TimeSpan? WatchInterval = null)
{
    /// <summary>How often waiting tasks ask the tasks they wait for, unless configured otherwise.</summary>
    public static readonly TimeSpan DefaultWatchInterval = TimeSpan.FromSeconds(30);

    /// <summary>Gets how often waiting tasks ask the tasks they wait for.</summary>
    public TimeSpan WatchEvery => WatchInterval ?? DefaultWatchInterval;

    /// <summary>Gets the rules a node has unless configured otherwise.</summary>
    public static TaskRules Default { get; } = new(3);
}
