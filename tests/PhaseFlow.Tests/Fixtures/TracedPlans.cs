using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Real iterator plans for plan replay tests. The instance plans write what their code did, in order, to
/// <see cref="Trace"/>, so a test can see when plan code ran and when its <c>finally</c> block did.
/// </summary>
internal sealed class TracedPlans
{
    /// <summary>Gets what the plan code did, in order.</summary>
    public List<string> Trace { get; } = [];

    /// <summary>A phase declaration with the given name and an empty body.</summary>
    public static Phase Declare(string name) => Phase.Run(name, _ => Task.CompletedTask);

    /// <summary>Yields the named phases and then ends; traces its start, each yield, its end and its <c>finally</c>.</summary>
    public IEnumerable<Phase> Plan(params string[] names)
    {
        Trace.Add("start");
        try
        {
            foreach (var name in names)
            {
                Trace.Add($"yield {name}");
                yield return Declare(name);
            }

            Trace.Add("end");
        }
        finally
        {
            Trace.Add("finally");
        }
    }

    /// <summary>Yields <c>p0</c>, <c>p1</c>, … and throws before index <paramref name="before"/> (or after the last phase); traces its <c>finally</c>.</summary>
    public IEnumerable<Phase> Throwing(int before, int phases = 3)
    {
        try
        {
            for (var i = 0; i < phases; i++)
            {
                if (i == before)
                {
                    throw new InvalidOperationException($"plan bug before {i}");
                }

                yield return Declare($"p{i}");
            }

            throw new InvalidOperationException($"plan bug before {phases}");
        }
        finally
        {
            Trace.Add("finally");
        }
    }

    /// <summary>Yields a phase, then null, then another phase.</summary>
    public static IEnumerable<Phase> YieldsNullAt1()
    {
        yield return Declare("a");
        yield return null!;
        yield return Declare("c");
    }

    /// <summary>Yields two phases; its <c>finally</c> block throws an <see cref="IOException"/>.</summary>
    public static IEnumerable<Phase> FinallyThrows()
    {
        try
        {
            yield return Declare("a");
            yield return Declare("b");
        }
        finally
        {
            throw new IOException("cleanup bug");
        }
    }

    /// <summary>Phase 1's and 2's names depend on phase 0's output; records how many outputs plan code saw before each yield.</summary>
    public static IEnumerable<Phase> Branching(PlanContext plan, List<int> seen)
    {
        seen.Add(plan.Outputs.Completed.Count);
        yield return Declare("inspect");
        var side = plan.Outputs.Get<string>("inspect");
        seen.Add(plan.Outputs.Completed.Count);
        yield return Declare($"prepare-{side}");
        seen.Add(plan.Outputs.Completed.Count);
        yield return Declare($"apply-{side}");
    }
}
