namespace PhaseFlow.Contracts.Events;

/// <summary>The revert finished. Terminal.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="At">When the revert finished.</param>
public sealed record TaskReverted(string TaskId, DateTimeOffset At) : ITaskEvent;
