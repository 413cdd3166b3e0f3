using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.SampleTasks;

/// <summary>
/// An example of a task with child tasks: one phase starts <see cref="FanOutInput.Children"/> <c>steps</c> tasks (a
/// type of the node's demo) of one step each and completes when all have succeeded.
/// </summary>
public sealed class FanOutTask : TaskDefinition<FanOutInput>
{
    /// <inheritdoc/>
    public override string TypeName => "fan-out";

    /// <inheritdoc/>
    protected override int? ExpectedPhaseCount(FanOutInput input) => 1;

    /// <inheritdoc/>
    protected override IEnumerable<Phase> Plan(FanOutInput input, PlanContext plan)
    {
        yield return Phase.StartChildren(
            "children",
            Enumerable.Range(1, input.Children).Select(position => position == input.HeldChild
                ? ChildTask.Of("steps", new { count = 1, waitForSignal = "go" })
                : ChildTask.Of("steps", new { count = 1 })));
    }
}
