namespace PhaseFlow.Contracts.Authoring;

/// <summary>
/// The phase that had started but not completed when the revert began. It may have run partly, so a revert
/// that cares must check what it actually did.
/// </summary>
/// <param name="Index">The 0-based position of the phase in the plan.</param>
/// <param name="Name">The phase's stable name.</param>
/// <param name="Attempts">How many attempts were started.</param>
/// <param name="Error">The error of the last attempt, or <see langword="null"/> when it was interrupted (cancel, crash).</param>
public sealed record InFlightPhase(int Index, string Name, int Attempts, TaskError? Error);
