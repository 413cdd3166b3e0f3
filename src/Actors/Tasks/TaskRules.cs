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
internal sealed record TaskRules(int MaxInterruptedRuns, TimeSpan? SleepAfter = null)
{
    /// <summary>Gets the rules a node has unless configured otherwise.</summary>
    public static TaskRules Default { get; } = new(3);
}
