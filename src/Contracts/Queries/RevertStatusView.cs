namespace PhaseFlow.Contracts.Queries;

/// <summary>How far a revert has got.</summary>
/// <param name="Reason">Why the task is reverted.</param>
/// <param name="PhasesToRevert">How many phases the revert covers: every phase that started (the one in flight too).</param>
/// <param name="PhasesReverted">How many of them are undone.</param>
/// <param name="StartedAt">When the revert (last) started.</param>
/// <param name="Error">What the revert failed with, while the task is in <see cref="TaskLifecycleState.RevertFailed"/>.</param>
public sealed record RevertStatusView(RevertReason Reason, int PhasesToRevert, int PhasesReverted, DateTimeOffset StartedAt, TaskError? Error);
