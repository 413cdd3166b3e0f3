namespace PhaseFlow.Contracts;

/// <summary>What the lifecycle states mean, defined once for the task actor, the task list, the event stream and the CLI.</summary>
public static class TaskLifecycleStates
{
    /// <summary>
    /// Tells whether a task in <paramref name="state"/> is settled: it does nothing more by itself, and only an
    /// operator's command (retry-revert, resume, cancel) can move it on.
    /// </summary>
    /// <param name="state">The state.</param>
    /// <returns><see langword="true"/> for Succeeded, Reverted, RevertFailed and Suspended.</returns>
    public static bool IsSettled(this TaskLifecycleState state) =>
        state is TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted or TaskLifecycleState.RevertFailed or TaskLifecycleState.Suspended;
}
