using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>What a plan gave at one index.</summary>
internal abstract record PlanStep
{
    private PlanStep()
    {
    }

    /// <summary>The plan yielded a phase.</summary>
    /// <param name="Phase">The declaration.</param>
    internal sealed record Declared(Phase Phase) : PlanStep;

    /// <summary>The plan has no more phases.</summary>
    internal sealed record Ended : PlanStep;

    /// <summary>The plan's own code threw (before its first <c>yield</c>, between two, after the last, or in a <c>finally</c>).</summary>
    /// <param name="Error">What it threw.</param>
    internal sealed record Threw(TaskError Error) : PlanStep;
}
