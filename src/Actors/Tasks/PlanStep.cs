using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>What pulling the next declaration from a plan gave.</summary>
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

    /// <summary>The plan's own code threw.</summary>
    /// <param name="Exception">What it threw.</param>
    internal sealed record Threw(Exception Exception) : PlanStep;
}
