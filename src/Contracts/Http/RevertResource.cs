namespace PhaseFlow.Contracts.Http;

/// <summary>How far a task's revert has got.</summary>
/// <param name="Reason">Why the task is reverted.</param>
/// <param name="PhasesToRevert">How many completed phases the revert covers.</param>
/// <param name="PhasesReverted">How many of them are undone.</param>
/// <param name="StartedAt">When the revert (last) started.</param>
/// <param name="Error">What the revert failed with, while the task is in RevertFailed.</param>
public sealed record RevertResource(RevertReason Reason, int PhasesToRevert, int PhasesReverted, DateTimeOffset StartedAt, ErrorResource? Error);
