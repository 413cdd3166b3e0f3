using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Tasks;

/// <summary>An attempt of a phase threw or timed out.</summary>
/// <param name="RunId">Which launch this answers.</param>
/// <param name="Error">What it failed with.</param>
/// <param name="Retryable">Whether the phase's retry policy allows another attempt.</param>
public sealed record PhaseAttemptFaulted(int RunId, TaskError Error, bool Retryable) : ITaskActorSignal;
