namespace PhaseFlow.Contracts.Events;

/// <summary>
/// A task this task waits for (a child of a <see cref="PhaseWaitKind.Children"/> phase, or the task of a
/// <see cref="PhaseWaitKind.Task"/> phase) finished, or turned out not to exist. The latest one recorded for a task is
/// what this task knows of it: a child that succeeded may later be recorded again as reverted.
/// </summary>
/// <param name="TaskId">This task's id.</param>
/// <param name="Index">The waiting phase.</param>
/// <param name="Attempt">The phase's attempt that waits for it.</param>
/// <param name="OtherTaskId">The task that finished.</param>
/// <param name="State">
/// Its state: <see cref="TaskLifecycleState.Succeeded"/>, <see cref="TaskLifecycleState.Reverted"/> or
/// <see cref="TaskLifecycleState.RevertFailed"/>; <see langword="null"/> when it does not exist (or a child's submission
/// was refused, see <paramref name="Error"/>).
/// </param>
/// <param name="OutputJson">A task that succeeded: the output of its last phase, or <see langword="null"/> for none.</param>
/// <param name="Error">Why it failed, was refused or its revert failed, when known.</param>
/// <param name="At">When this task learned it.</param>
/// <param name="FinishedAt">When the other task finished, by its own clock, if it said (children are reverted newest first).</param>
public sealed record AwaitedTaskSettled(
    string TaskId,
    int Index,
    int Attempt,
    string OtherTaskId,
    TaskLifecycleState? State,
    string? OutputJson,
    TaskError? Error,
    DateTimeOffset At,
    DateTimeOffset? FinishedAt = null) : ITaskEvent;
