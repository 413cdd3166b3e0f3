namespace PhaseFlow.Contracts.Http;

/// <summary>A child task of a <see cref="TaskResource"/>: one a phase of the task started.</summary>
/// <param name="Id">The child's id (<c>parent:phase.attempt.position</c>).</param>
/// <param name="Phase">The 0-based index of the phase that started it, as <see cref="PhaseResource.Index"/>.</param>
/// <param name="Attempt">That phase's attempt that started it (1-based).</param>
/// <param name="State">
/// The child's state: how it finished once the parent recorded it, before that its live state from the task list
/// (Pending, Running, Reverting and so on); <see langword="null"/> when neither knows it yet (it is being submitted,
/// or the task list has not caught up).
/// </param>
public sealed record ChildTaskResource(string Id, int Phase, int Attempt, TaskLifecycleState? State);
