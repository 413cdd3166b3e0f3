namespace PhaseFlow.Contracts.Events;

/// <summary>
/// An operator resumed a suspended task after its definition matched the journal again; it is
/// <see cref="TaskLifecycleState.Running"/> and continues at the phase it had reached.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="At">When it was resumed.</param>
public sealed record TaskResumed(string TaskId, DateTimeOffset At) : ITaskEvent;
