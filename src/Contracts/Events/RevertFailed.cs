namespace PhaseFlow.Contracts.Events;

/// <summary>The revert failed. An operator may retry it; undos already recorded are not run again.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Error">What the revert failed with.</param>
/// <param name="PhaseIndex">The phase whose undo failed, or <see langword="null"/> for a task's own revert.</param>
/// <param name="At">When it failed.</param>
public sealed record RevertFailed(string TaskId, TaskError Error, int? PhaseIndex, DateTimeOffset At) : ITaskEvent;
