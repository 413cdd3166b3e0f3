using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>A running phase reported progress (shown in the status, not journaled).</summary>
/// <param name="RunId">Which launch reported it; progress of an earlier launch is ignored.</param>
/// <param name="Progress">The progress.</param>
internal sealed record PhaseProgressed(int RunId, PhaseProgress Progress);
