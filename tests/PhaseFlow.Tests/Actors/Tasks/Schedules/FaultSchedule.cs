using System.Globalization;
using PhaseFlow.Tests.Fixtures;

namespace PhaseFlow.Tests.Actors.Tasks.Schedules;

/// <summary>
/// One generated case: a task script (what each phase and undo does, where the plan throws) and a schedule of what
/// happens to the node while it runs (cancels and node aborts at points of the task's progress).
/// </summary>
/// <param name="Phases">Each phase's behaviour, in plan order.</param>
/// <param name="PlanThrowsAt">The plan throws right before yielding this phase (the count: after the last), or never.</param>
/// <param name="Interventions">What the schedule does when the task first reaches each point.</param>
/// <param name="RetryRevert">Whether an operator retries a failed revert (once).</param>
public sealed record FaultSchedule(IReadOnlyList<PhaseScript> Phases, int? PlanThrowsAt, IReadOnlyList<Intervention> Interventions, bool RetryRevert)
{
    /// <summary>Gets the intervention at a point, if the schedule has one.</summary>
    public Intervention? At(GatePoint point, int index) => Interventions.FirstOrDefault(i => i.Point == point && i.Index == index);

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"phases [{string.Join(", ", Phases)}]; plan throws at {PlanThrowsAt?.ToString(CultureInfo.InvariantCulture) ?? "never"}; " +
        $"interventions [{string.Join(", ", Interventions)}]; retry-revert {(RetryRevert ? "yes" : "no")}");
}

/// <summary>What one phase of a scripted task does.</summary>
/// <param name="FailAttempts">Attempts 1 to this number throw.</param>
/// <param name="MaxAttempts">The phase's retry policy: this many attempts in all, no delay.</param>
/// <param name="TimesOut">Attempt 1 runs past the phase's timeout, ignoring its token for a while, and so fails.</param>
/// <param name="UndoFailsOnce">The phase's undo throws the first time it runs.</param>
public sealed record PhaseScript(int FailAttempts, int MaxAttempts, bool TimesOut, bool UndoFailsOnce)
{
    /// <summary>Whether the given attempt fails.</summary>
    public bool Fails(int attempt) => attempt <= FailAttempts || (TimesOut && attempt == 1);

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"fail≤{FailAttempts}/max {MaxAttempts}{(TimesOut ? "/timeout" : string.Empty)}{(UndoFailsOnce ? "/undo fails once" : string.Empty)}");
}

/// <summary>What the schedule does the first time the task reaches a point.</summary>
/// <param name="Point">Where in the phase (or its undo).</param>
/// <param name="Index">Which phase.</param>
/// <param name="Action">What happens there.</param>
public sealed record Intervention(GatePoint Point, int Index, InterventionAction Action)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Action} at {Point} {Index}");
}

/// <summary>What happens at a point.</summary>
public enum InterventionAction
{
    /// <summary>A client cancels the task while it is there.</summary>
    Cancel,

    /// <summary>The node is aborted there (no shutdown, like a crash) and a fresh node recovers the task.</summary>
    Crash,
}
