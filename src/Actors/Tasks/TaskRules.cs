namespace PhaseFlow.Actors.Tasks;

/// <summary>The node's settings that take part in a task's decisions.</summary>
/// <param name="MaxInterruptedRuns">
/// How many runs of one attempt may be interrupted in a row by the node stopping before the attempt counts as
/// failed (a phase that takes the node down must not be run again forever).
/// </param>
internal sealed record TaskRules(int MaxInterruptedRuns)
{
    /// <summary>Gets the rules a node has unless configured otherwise.</summary>
    public static TaskRules Default { get; } = new(3);
}
