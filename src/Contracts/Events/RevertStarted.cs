namespace PhaseFlow.Contracts.Events;

/// <summary>The revert started (or was started again by an operator after <see cref="RevertFailed"/>).</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Reason">Why the task is reverted.</param>
/// <param name="Error">The failure behind it, or <see langword="null"/> for a cancel.</param>
/// <param name="At">When the revert started.</param>
public sealed record RevertStarted(string TaskId, RevertReason Reason, TaskError? Error, DateTimeOffset At) : ITaskEvent;
