namespace PhaseFlow.Contracts.Authoring;

/// <summary>How far a running phase has got, as the phase itself reported it.</summary>
/// <param name="Fraction">Between 0 and 1.</param>
/// <param name="Message">A short human-readable note, or <see langword="null"/>.</param>
public sealed record PhaseProgress(double Fraction, string? Message);
