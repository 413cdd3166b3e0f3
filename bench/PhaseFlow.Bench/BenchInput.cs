namespace PhaseFlow.Bench;

/// <summary>The input of a bench task: what its phases do and how many there are.</summary>
/// <param name="Mode">One of <see cref="BenchMode"/>'s names.</param>
/// <param name="Phases">How many phases the plan yields.</param>
internal sealed record BenchInput(BenchMode Mode, int Phases);
