using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// A task type whose plan is whatever the test gives (usually a local iterator), for testing plan replay without task
/// libraries, binding or actors. Counts how often the plan was created.
/// </summary>
internal sealed class IteratorDefinition(Func<object, PlanContext, IEnumerable<Phase>> plan) : ITaskDefinition
{
    /// <summary>Gets or sets the plan; a test replaces it to play a changed definition.</summary>
    public Func<object, PlanContext, IEnumerable<Phase>> Plan { get; set; } = plan;

    /// <summary>Gets how many times <see cref="CreatePlan"/> was called: once per fresh enumeration.</summary>
    public int PlansCreated { get; private set; }

    public string TypeName => "iterator";

    public string Version => "1";

    public Type InputType => typeof(object);

    public bool HasCustomRevert { get; init; }

    public BoundInput BindInput(string inputJson) => throw new NotSupportedException("Plan replay never binds input.");

    public IEnumerable<Phase> CreatePlan(object input, PlanContext plan)
    {
        PlansCreated++;
        return Plan(input, plan);
    }

    public int? ExpectedPhaseCount(object input) => null;

    public Task RevertAsync(object input, RevertContext context) => throw new NotSupportedException("Plan replay never reverts.");
}
