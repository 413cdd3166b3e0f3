using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>The plan cursor alone: real iterators, no actor — what plan code runs when, and what each of its faults becomes.</summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class PlanReplayTests
{
    private const string TaskId = "t";
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly object Input = new();

    /// <summary>The plans under test; their trace says when plan code ran.</summary>
    private readonly TracedPlans _plans = new();

    [Fact]
    public void Constructor_NothingAsked_RunsNoPlanCode()
    {
        var definition = new IteratorDefinition((_, _) => _plans.Plan("a", "b"));

        using var replay = new PlanReplay(definition, TaskId, Input);

        Assert.Equal(0, definition.PlansCreated);
        Assert.Empty(_plans.Trace);
    }

    [Fact]
    public void StepAt_FirstIndex_PullsOnlyThatDeclaration()
    {
        var replay = Replay(_plans.Plan("a", "b", "c"));

        var step = replay.StepAt(0, TaskState.Empty);

        Assert.Equal("a", Assert.IsType<PlanStep.Declared>(step).Phase.Name);
        Assert.Equal(["start", "yield a"], _plans.Trace);
    }

    [Fact]
    public void StepAt_IndexAlreadyPulled_ReturnsTheSameDeclarationWithoutRunningPlanCode()
    {
        var replay = Replay(_plans.Plan("a", "b", "c"));
        var first = replay.StepAt(1, TaskState.Empty);
        _plans.Trace.Clear();

        var again = replay.StepAt(1, TaskState.Empty);
        var earlier = replay.StepAt(0, TaskState.Empty);

        Assert.Same(Declared(first), Declared(again));
        Assert.Equal("a", Declared(earlier).Name);
        Assert.Empty(_plans.Trace);
    }

    [Fact]
    public void StepAt_PastTheLastDeclaration_EndsRunsTheFinallyAndStaysEnded()
    {
        var replay = Replay(_plans.Plan("a"));

        var end = replay.StepAt(1, TaskState.Empty);
        var later = replay.StepAt(5, TaskState.Empty);

        Assert.IsType<PlanStep.Ended>(end);
        Assert.Same(end, later);
        Assert.Equal(["start", "yield a", "end", "finally"], _plans.Trace);
        Assert.Equal("a", Declared(replay.StepAt(0, TaskState.Empty)).Name);
    }

    [Fact]
    public void StepAt_PlanThrowsBeforeItsFirstYield_ReturnsThrewWithTheErrorAndStaysThrown()
    {
        var definition = new IteratorDefinition((_, _) => _plans.Throwing(before: 0));
        var replay = new PlanReplay(definition, TaskId, Input);

        var step = replay.StepAt(0, TaskState.Empty);
        var again = replay.StepAt(0, TaskState.Empty);

        var threw = Assert.IsType<PlanStep.Threw>(step);
        Assert.Equal(TaskError.Of("System.InvalidOperationException", "plan bug before 0"), threw.Error with { StackTrace = null });
        Assert.Same(step, again);
        Assert.Equal(1, definition.PlansCreated);
        Assert.Equal(["finally"], _plans.Trace);
    }

    [Fact]
    public void StepAt_PlanThrowsBetweenTwoYields_KeepsTheEarlierDeclarationAndReturnsThrew()
    {
        var replay = Replay(_plans.Throwing(before: 1));

        var first = replay.StepAt(0, TaskState.Empty);
        var second = replay.StepAt(1, TaskState.Empty);

        Assert.Equal("p0", Declared(first).Name);
        Assert.Equal("plan bug before 1", Assert.IsType<PlanStep.Threw>(second).Error.Message);
        Assert.Same(Declared(first), Declared(replay.StepAt(0, TaskState.Empty)));
    }

    [Fact]
    public void StepAt_PlanThrowsAfterItsLastYield_ReturnsThrewAtTheIndexAfterIt()
    {
        var replay = Replay(_plans.Throwing(before: 2, phases: 2));

        Assert.Equal("p1", Declared(replay.StepAt(1, TaskState.Empty)).Name);
        Assert.Equal("plan bug before 2", Assert.IsType<PlanStep.Threw>(replay.StepAt(2, TaskState.Empty)).Error.Message);
    }

    [Fact]
    public void StepAt_PlanYieldsNull_ReturnsThrewSayingWhereAndWhatToYield()
    {
        var replay = Replay(TracedPlans.YieldsNullAt1());

        var step = replay.StepAt(1, TaskState.Empty);

        var error = Assert.IsType<PlanStep.Threw>(step).Error;
        Assert.Equal(typeof(InvalidOperationException).FullName, error.Type);
        Assert.Equal("The plan yielded null at index 1; yield a Phase.", error.Message);
        Assert.Equal("a", Declared(replay.StepAt(0, TaskState.Empty)).Name);
    }

    [Fact]
    public void StepAt_CreatePlanThrowsEagerly_ReturnsThrewOnceAndNeverCallsItAgain()
    {
        var definition = new IteratorDefinition((_, _) => throw new ArgumentException("no plan for this input"));
        var replay = new PlanReplay(definition, TaskId, Input);

        var step = replay.StepAt(0, TaskState.Empty);
        var again = replay.StepAt(3, TaskState.Empty);

        var threw = Assert.IsType<PlanStep.Threw>(step);
        Assert.Equal(typeof(ArgumentException).FullName, threw.Error.Type);
        Assert.Equal("no plan for this input", threw.Error.Message);
        Assert.Same(step, again);
        Assert.Equal(1, definition.PlansCreated);
    }

    [Fact]
    public void StepAt_PlanEndsOrThrows_DisposesTheEnumeratorItWasGiven()
    {
        var ending = new CountingPlan(_plans.Plan("a"));
        var throwing = new CountingPlan(_plans.Throwing(before: 0));

        Replay(ending).StepAt(1, TaskState.Empty);
        Replay(throwing).StepAt(0, TaskState.Empty);

        Assert.Equal(1, ending.Disposed);
        Assert.Equal(1, throwing.Disposed);
    }

    [Fact]
    public void StepAt_PlanCodeReadsOutputs_SeesTheRecordedOutputsOfThePhasesBeforeTheOneItDecides()
    {
        var seen = new List<int>();
        var replay = Replay(new IteratorDefinition((_, plan) => TracedPlans.Branching(plan, seen)));
        var state = Journal(("inspect", "\"left\""), ("prepare", "2"), ("apply", "null"));

        var step = replay.StepAt(2, state);

        Assert.Equal("apply-left", Declared(step).Name);
        Assert.Equal([0, 1, 2], seen);
    }

    [Fact]
    public void StepAt_StateGrowsBetweenCalls_PlanCodeSeesTheNewestState()
    {
        var seen = new List<int>();
        var replay = Replay(new IteratorDefinition((_, plan) => TracedPlans.Branching(plan, seen)));
        Assert.Equal("inspect", Declared(replay.StepAt(0, TaskState.Empty)).Name);

        var step = replay.StepAt(1, Journal(("inspect", "\"right\"")));

        Assert.Equal("prepare-right", Declared(step).Name);
        Assert.Equal([0, 1], seen);
    }

    [Fact]
    public void StepAt_PlanContext_CarriesTheTaskIdAndTheInput()
    {
        (string TaskId, object Input)? got = null;
        var definition = new IteratorDefinition((input, plan) =>
        {
            got = (plan.TaskId, input);
            return _plans.Plan("a");
        });

        new PlanReplay(definition, "task-7", Input).StepAt(0, TaskState.Empty);

        Assert.Equal("task-7", got!.Value.TaskId);
        Assert.Same(Input, got.Value.Input);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HasCustomRevert_AnyTaskType_IsWhatTheTaskTypeSays(bool custom)
    {
        var replay = new PlanReplay(new IteratorDefinition((_, _) => _plans.Plan()) { HasCustomRevert = custom }, TaskId, Input);

        Assert.Equal(custom, replay.HasCustomRevert);
    }

    private static Phase Declared(PlanStep step) => Assert.IsType<PlanStep.Declared>(step).Phase;

    private static PlanReplay Replay(IEnumerable<Phase> plan) => Replay(new IteratorDefinition((_, _) => plan));

    private static PlanReplay Replay(IteratorDefinition definition) => new(definition, TaskId, Input);

    /// <summary>A journal in which the given phases completed, in order.</summary>
    private static TaskState Journal(params (string Name, string Output)[] phases)
    {
        var state = TaskState.Empty.Apply(new TaskAccepted(TaskId, "iterator", "{}", "iterator@1", T0));
        for (var i = 0; i < phases.Length; i++)
        {
            state = state
                .Apply(new PhaseStarted(TaskId, i, phases[i].Name, 1, T0))
                .Apply(new PhaseCompleted(TaskId, i, phases[i].Name, phases[i].Output, T0));
        }

        return state;
    }
}
