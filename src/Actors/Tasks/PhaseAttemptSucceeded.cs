namespace PhaseFlow.Actors.Tasks;

/// <summary>An attempt of a phase returned.</summary>
/// <param name="RunId">Which launch this answers; results of earlier launches are ignored.</param>
/// <param name="OutputJson">The output as JSON.</param>
public sealed record PhaseAttemptSucceeded(int RunId, string? OutputJson) : ITaskActorSignal;
