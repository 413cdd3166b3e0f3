using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>A running phase reported progress.</summary>
/// <param name="RunId">Which launch reported it.</param>
/// <param name="Progress">The progress.</param>
public sealed record PhaseProgressed(int RunId, PhaseProgress Progress) : ITaskActorSignal;
