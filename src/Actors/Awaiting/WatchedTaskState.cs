using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Awaiting;

/// <summary>How a watched task stands, sent to the task that waits for it (an answer to <see cref="WatchTask"/>, or a notice when it finished).</summary>
/// <param name="TaskId">The waiting task, which receives this.</param>
/// <param name="WatchedTaskId">The watched task.</param>
/// <param name="State">Its lifecycle state, or <see langword="null"/> when no task has that id.</param>
/// <param name="OutputJson">When it succeeded, the output of its last phase.</param>
/// <param name="Error">When it failed or its revert failed, why.</param>
/// <param name="FinishedAt">When it finished (by its own clock), once it has: a parent reverts the newest first.</param>
public sealed record WatchedTaskState(string TaskId, string WatchedTaskId, TaskLifecycleState? State, string? OutputJson, TaskError? Error, DateTimeOffset? FinishedAt = null) : IWithTaskId;
