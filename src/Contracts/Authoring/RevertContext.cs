namespace PhaseFlow.Contracts.Authoring;

/// <summary>What a task's own revert gets: everything the journal knows about how far the task got.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="CompletedPhases">The phases that completed, in plan order, each with its recorded output.</param>
/// <param name="InFlight">The phase that had started but not completed (it may have half-run), or <see langword="null"/>.</param>
/// <param name="Error">The failure that caused the revert, or <see langword="null"/> for a cancel.</param>
/// <param name="Reason">Why the task is being reverted.</param>
/// <param name="CancellationToken">Signalled when the task's actor stops.</param>
public sealed record RevertContext(
    string TaskId,
    IReadOnlyList<CompletedPhase> CompletedPhases,
    InFlightPhase? InFlight,
    TaskError? Error,
    RevertReason Reason,
    CancellationToken CancellationToken);
