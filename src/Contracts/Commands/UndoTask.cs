namespace PhaseFlow.Contracts.Commands;

/// <summary>
/// Reverts a child task that succeeded, because its parent reverts (or the parent's phase that started it failed). Its
/// phases' undos run newest first, as for a cancel. Answered with <see cref="CommandAccepted"/> when the task succeeded
/// (the revert starts) or is already reverting or reverted; <see cref="CommandRejected"/> otherwise.
/// </summary>
/// <param name="TaskId">The task's id.</param>
public sealed record UndoTask(string TaskId) : ITaskCommand;
