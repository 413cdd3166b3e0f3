using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>Closing, resetting and disposing the plan cursor: which <c>finally</c> blocks run, and what it remembers afterwards.</summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class PlanReplayCloseTests
{
    private const string TaskId = "t";
    private static readonly object Input = new();

    /// <summary>The plans under test; their trace says when plan code ran.</summary>
    private readonly TracedPlans _plans = new();

    [Fact]
    public void Close_WhileEnumerating_RunsTheFinallyAndKeepsTheDeclarations()
    {
        var replay = Replay(_plans.Plan("a", "b"));
        var first = replay.StepAt(0, TaskState.Empty);

        var error = replay.Close();

        Assert.Null(error);
        Assert.Equal(["start", "yield a", "finally"], _plans.Trace);
        Assert.Same(Declared(first), Declared(replay.StepAt(0, TaskState.Empty)));
        Assert.Equal(["start", "yield a", "finally"], _plans.Trace);
    }

    [Fact]
    public void Close_FinallyThrows_ReturnsWhatItThrewInsteadOfThrowing()
    {
        var replay = Replay(TracedPlans.FinallyThrows());
        replay.StepAt(0, TaskState.Empty);

        var error = replay.Close();

        Assert.Equal("cleanup bug", Assert.IsType<IOException>(error).Message);
        Assert.Null(replay.Close());
    }

    [Fact]
    public void Close_NothingPulledYet_DoesNothing()
    {
        var definition = new IteratorDefinition((_, _) => _plans.Plan("a"));
        var replay = new PlanReplay(definition, TaskId, Input);

        Assert.Null(replay.Close());
        Assert.Equal(0, definition.PlansCreated);
    }

    [Fact]
    public void StepAt_AfterClose_EnumeratesAfreshFromTheStartUpToTheIndex()
    {
        var definition = new IteratorDefinition((_, _) => _plans.Plan("a", "b", "c"));
        var replay = new PlanReplay(definition, TaskId, Input);
        replay.StepAt(0, TaskState.Empty);
        replay.Close();
        _plans.Trace.Clear();

        var step = replay.StepAt(2, TaskState.Empty);

        Assert.Equal("c", Declared(step).Name);
        Assert.Equal("b", Declared(replay.StepAt(1, TaskState.Empty)).Name);
        Assert.Equal(2, definition.PlansCreated);
        Assert.Equal(["start", "yield a", "yield b", "yield c"], _plans.Trace);
    }

    [Fact]
    public void Reset_AfterTheEnd_ForgetsWhatThePlanSaidAndJudgesTheDefinitionAfresh()
    {
        var definition = new IteratorDefinition((_, _) => _plans.Plan("a"));
        var replay = new PlanReplay(definition, TaskId, Input);
        Assert.IsType<PlanStep.Ended>(replay.StepAt(1, TaskState.Empty));
        definition.Plan = (_, _) => _plans.Plan("x", "y");

        Assert.Null(replay.Reset());

        Assert.Equal("x", Declared(replay.StepAt(0, TaskState.Empty)).Name);
        Assert.Equal("y", Declared(replay.StepAt(1, TaskState.Empty)).Name);
        Assert.Equal(2, definition.PlansCreated);
    }

    [Fact]
    public void Reset_FinallyThrows_ReturnsWhatItThrewAndStillForgets()
    {
        var definition = new IteratorDefinition((_, _) => TracedPlans.FinallyThrows());
        var replay = new PlanReplay(definition, TaskId, Input);
        replay.StepAt(0, TaskState.Empty);
        definition.Plan = (_, _) => _plans.Plan("z");

        var error = replay.Reset();

        Assert.IsType<IOException>(error);
        Assert.Equal("z", Declared(replay.StepAt(0, TaskState.Empty)).Name);
    }

    [Fact]
    public void Dispose_WhileEnumerating_RunsTheFinally()
    {
        var replay = Replay(_plans.Plan("a", "b"));
        replay.StepAt(0, TaskState.Empty);

        replay.Dispose();

        Assert.Equal("finally", _plans.Trace[^1]);
    }

    private static Phase Declared(PlanStep step) => Assert.IsType<PlanStep.Declared>(step).Phase;

    private static PlanReplay Replay(IEnumerable<Phase> plan) => Replay(new IteratorDefinition((_, _) => plan));

    private static PlanReplay Replay(IteratorDefinition definition) => new(definition, TaskId, Input);
}
