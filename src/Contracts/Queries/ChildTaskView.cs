namespace PhaseFlow.Contracts.Queries;

/// <summary>A child task as its parent knows it: part of <see cref="TaskStatusView"/>.</summary>
/// <param name="TaskId">The child's id.</param>
/// <param name="Index">The 0-based index of the parent's phase that started it.</param>
/// <param name="Attempt">That phase's attempt that started it.</param>
/// <param name="State">
/// How it finished (<see cref="TaskLifecycleState.Succeeded"/>, <see cref="TaskLifecycleState.Reverted"/> or
/// <see cref="TaskLifecycleState.RevertFailed"/>) as the parent recorded it; <see langword="null"/> while it has not
/// finished as far as the parent knows (the task list has its live state).
/// </param>
public sealed record ChildTaskView(string TaskId, int Index, int Attempt, TaskLifecycleState? State);
