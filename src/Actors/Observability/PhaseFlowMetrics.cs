using System.Diagnostics.Metrics;

namespace PhaseFlow.Actors.Observability;

/// <summary>
/// The instruments task actors record on (meter <see cref="PhaseFlowTelemetry.MeterName"/>). Prometheus names add the
/// unit and <c>_total</c>: <c>phaseflow_phases_completed_total</c>, <c>phaseflow_phase_duration_seconds</c>.
/// </summary>
internal static class PhaseFlowMetrics
{
    /// <summary>Gets the phases that completed, by task type.</summary>
    public static Counter<long> PhasesCompleted { get; } = PhaseFlowTelemetry.Meter.CreateCounter<long>(
        "phaseflow.phases.completed", "{phase}", "Phases that completed, by task type.");

    /// <summary>Gets the phase attempts that failed (threw, timed out or were cancelled), by task type and outcome.</summary>
    public static Counter<long> PhasesFailed { get; } = PhaseFlowTelemetry.Meter.CreateCounter<long>(
        "phaseflow.phases.failed", "{attempt}", "Phase attempts that failed (threw, timed out or were cancelled with the task), by task type and outcome.");

    /// <summary>Gets how long phase attempts ran, by task type and outcome.</summary>
    public static Histogram<double> PhaseDuration { get; } = PhaseFlowTelemetry.Meter.CreateHistogram(
        "phaseflow.phase.duration",
        "s",
        "How long phase attempts ran, from the body's start until it returned, by task type and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });

    /// <summary>Gets the unfinished tasks that recovered from their journal and went on, by task type.</summary>
    public static Counter<long> TasksRecovered { get; } = PhaseFlowTelemetry.Meter.CreateCounter<long>(
        "phaseflow.tasks.recovered",
        "{task}",
        "Unfinished tasks whose actor recovered from the journal and went on: after a restart, a crash, or a move to another node; by task type.");

    /// <summary>Gets how long the journal took to store a task's events.</summary>
    public static Histogram<double> JournalWriteDuration { get; } = PhaseFlowTelemetry.Meter.CreateHistogram(
        "phaseflow.journal.write.duration",
        "s",
        "From a task actor asking the journal to store its events until the journal confirmed them (the events of one decision are one write).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
}
