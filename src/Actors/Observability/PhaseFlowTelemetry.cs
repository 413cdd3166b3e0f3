using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PhaseFlow.Actors.Observability;

/// <summary>
/// The names PhaseFlow publishes its traces and metrics under. An OpenTelemetry set-up listens to them with
/// <c>AddSource(PhaseFlowTelemetry.SourceName)</c> and <c>AddMeter(PhaseFlowTelemetry.MeterName)</c>; the stock node
/// does so itself (<c>/metrics</c>, <c>--otlp-endpoint</c>).
/// </summary>
public static class PhaseFlowTelemetry
{
    /// <summary>The name of the <see cref="ActivitySource"/> of the spans of task work: one per phase attempt, undo and custom revert, and one per submission by the .NET client.</summary>
    public const string SourceName = "PhaseFlow";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of PhaseFlow's metrics (names start with <c>phaseflow.</c>).</summary>
    public const string MeterName = "PhaseFlow";

    private static readonly string? Version = typeof(PhaseFlowTelemetry).Assembly.GetName().Version?.ToString();

    /// <summary>Gets the source of every PhaseFlow span.</summary>
    internal static ActivitySource Source { get; } = new(SourceName, Version);

    /// <summary>Gets the meter of the instruments that count what task actors do (the ones that read a store live with their owner).</summary>
    internal static Meter Meter { get; } = new(MeterName, Version);
}
