using PhaseFlow.Contracts;

namespace PhaseFlow.Host.Cli;

/// <summary>What <c>watch</c> knows about one phase.</summary>
/// <param name="Index">The 0-based index.</param>
/// <param name="Name">The phase's name.</param>
/// <param name="State">The phase's state.</param>
/// <param name="Attempts">How many attempts started.</param>
/// <param name="Error">The latest failed attempt's message, while it matters.</param>
/// <param name="Retrying">Whether the latest attempt failed and the next one is due (the phase stays Running meanwhile).</param>
internal sealed record PhasePicture(int Index, string Name, PhaseLifecycleState State, int Attempts, string? Error, bool Retrying = false);
