namespace PhaseFlow.Tests.Fixtures;

/// <summary>The values of the xUnit <c>Category</c> trait, so a run can select tests by kind (<c>--filter Category=Core</c>).</summary>
internal static class TestCategory
{
    /// <summary>The trait's name.</summary>
    public const string Name = "Category";

    /// <summary>
    /// Pure, fast tests of the task core (the decider, the task state, the plan replay, the retry policy): no actor
    /// system, no journal, no process, no randomized schedules. The mutation run (<c>tools/mutation.sh</c>) runs only these.
    /// </summary>
    public const string Core = "Core";
}
