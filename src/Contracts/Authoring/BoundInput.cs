namespace PhaseFlow.Contracts.Authoring;

/// <summary>A task input that bound to its type and passed validation.</summary>
/// <param name="Value">The typed input.</param>
/// <param name="CanonicalJson">The input written back with <see cref="PhaseFlowJson.Options"/>: defaults filled in, properties in declaration order. This is what the journal stores and what idempotent resubmission compares.</param>
public sealed record BoundInput(object Value, string CanonicalJson);
