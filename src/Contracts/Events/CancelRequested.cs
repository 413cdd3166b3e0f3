namespace PhaseFlow.Contracts.Events;

/// <summary>A cancel arrived while a phase was running; the phase's token is signalled and the revert starts when it returns.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="At">When the cancel arrived.</param>
public sealed record CancelRequested(string TaskId, DateTimeOffset At) : ITaskEvent;
