using System.Collections;
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

    /// <summary>What the plan code did, in order: the tests read it to see when plan code ran.</summary>
    private readonly List<string> _trace = [];

    [Fact]
    public void Constructor_NothingAsked_RunsNoPlanCode()
    {
        var definition = new IteratorDefinition((_, _) => Plan("a", "b"));

        using var replay = new PlanReplay(definition, TaskId, Input);

        Assert.Equal(0, definition.PlansCreated);
        Assert.Empty(_trace);
    }

    [Fact]
    public void StepAt_FirstIndex_PullsOnlyThatDeclaration()
    {
        var replay = Replay(Plan("a", "b", "c"));

        var step = replay.StepAt(0, TaskState.Empty);

        Assert.Equal("a", Assert.IsType<PlanStep.Declared>(step).Phase.Name);
        Assert.Equal(["start", "yield a"], _trace);
    }

    [Fact]
    public void StepAt_IndexAlreadyPulled_ReturnsTheSameDeclarationWithoutRunningPlanCode()
    {
        var replay = Replay(Plan("a", "b", "c"));
        var first = replay.StepAt(1, TaskState.Empty);
        _trace.Clear();

        var again = replay.StepAt(1, TaskState.Empty);
        var earlier = replay.StepAt(0, TaskState.Empty);

        Assert.Same(Declared(first), Declared(again));
        Assert.Equal("a", Declared(earlier).Name);
        Assert.Empty(_trace);
    }

    [Fact]
    public void StepAt_PastTheLastDeclaration_EndsRunsTheFinallyAndStaysEnded()
    {
        var replay = Replay(Plan("a"));

        var end = replay.StepAt(1, TaskState.Empty);
        var later = replay.StepAt(5, TaskState.Empty);

        Assert.IsType<PlanStep.Ended>(end);
        Assert.Same(end, later);
        Assert.Equal(["start", "yield a", "end", "finally"], _trace);
        Assert.Equal("a", Declared(replay.StepAt(0, TaskState.Empty)).Name);
    }

    [Fact]
    public void StepAt_PlanThrowsBeforeItsFirstYield_ReturnsThrewWithTheErrorAndStaysThrown()
    {
        var definition = new IteratorDefinition((_, _) => Throwing(before: 0));
        var replay = new PlanReplay(definition, TaskId, Input);

        var step = replay.StepAt(0, TaskState.Empty);
        var again = replay.StepAt(0, TaskState.Empty);

        var threw = Assert.IsType<PlanStep.Threw>(step);
        Assert.Equal(TaskError.Of("System.InvalidOperationException", "plan bug before 0"), threw.Error with { StackTrace = null });
        Assert.Same(step, again);
        Assert.Equal(1, definition.PlansCreated);
        Assert.Equal(["finally"], _trace);
    }

    [Fact]
    public void StepAt_PlanThrowsBetweenTwoYields_KeepsTheEarlierDeclarationAndReturnsThrew()
    {
        var replay = Replay(Throwing(before: 1));

        var first = replay.StepAt(0, TaskState.Empty);
        var second = replay.StepAt(1, TaskState.Empty);

        Assert.Equal("p0", Declared(first).Name);
        Assert.Equal("plan bug before 1", Assert.IsType<PlanStep.Threw>(second).Error.Message);
        Assert.Same(Declared(first), Declared(replay.StepAt(0, TaskState.Empty)));
    }

    [Fact]
    public void StepAt_PlanThrowsAfterItsLastYield_ReturnsThrewAtTheIndexAfterIt()
    {
        var replay = Replay(Throwing(before: 2, phases: 2));

        Assert.Equal("p1", Declared(replay.StepAt(1, TaskState.Empty)).Name);
        Assert.Equal("plan bug before 2", Assert.IsType<PlanStep.Threw>(replay.StepAt(2, TaskState.Empty)).Error.Message);
    }

    [Fact]
    public void StepAt_PlanYieldsNull_ReturnsThrewSayingWhereAndWhatToYield()
    {
        var replay = Replay(YieldsNullAt1());

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
        var ending = new CountingPlan(Plan("a"));
        var throwing = new CountingPlan(Throwing(before: 0));

        Replay(ending).StepAt(1, TaskState.Empty);
        Replay(throwing).StepAt(0, TaskState.Empty);

        Assert.Equal(1, ending.Disposed);
        Assert.Equal(1, throwing.Disposed);
    }

    [Fact]
    public void StepAt_PlanCodeReadsOutputs_SeesTheRecordedOutputsOfThePhasesBeforeTheOneItDecides()
    {
        var seen = new List<int>();
        var replay = Replay(new IteratorDefinition((_, plan) => Branching(plan, seen)));
        var state = Journal(("inspect", "\"left\""), ("prepare", "2"), ("apply", "null"));

        var step = replay.StepAt(2, state);

        Assert.Equal("apply-left", Declared(step).Name);
        Assert.Equal([0, 1, 2], seen);
    }

    [Fact]
    public void StepAt_StateGrowsBetweenCalls_PlanCodeSeesTheNewestState()
    {
        var seen = new List<int>();
        var replay = Replay(new IteratorDefinition((_, plan) => Branching(plan, seen)));
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
            return Plan("a");
        });

        new PlanReplay(definition, "task-7", Input).StepAt(0, TaskState.Empty);

        Assert.Equal("task-7", got!.Value.TaskId);
        Assert.Same(Input, got.Value.Input);
    }

    [Fact]
    public void Close_WhileEnumerating_RunsTheFinallyAndKeepsTheDeclarations()
    {
        var replay = Replay(Plan("a", "b"));
        var first = replay.StepAt(0, TaskState.Empty);

        var error = replay.Close();

        Assert.Null(error);
        Assert.Equal(["start", "yield a", "finally"], _trace);
        Assert.Same(Declared(first), Declared(replay.StepAt(0, TaskState.Empty)));
        Assert.Equal(["start", "yield a", "finally"], _trace);
    }

    [Fact]
    public void Close_FinallyThrows_ReturnsWhatItThrewInsteadOfThrowing()
    {
        var replay = Replay(FinallyThrows());
        replay.StepAt(0, TaskState.Empty);

        var error = replay.Close();

        Assert.Equal("cleanup bug", Assert.IsType<IOException>(error).Message);
        Assert.Null(replay.Close());
    }

    [Fact]
    public void Close_NothingPulledYet_DoesNothing()
    {
        var definition = new IteratorDefinition((_, _) => Plan("a"));
        var replay = new PlanReplay(definition, TaskId, Input);

        Assert.Null(replay.Close());
        Assert.Equal(0, definition.PlansCreated);
    }

    [Fact]
    public void StepAt_AfterClose_EnumeratesAfreshFromTheStartUpToTheIndex()
    {
        var definition = new IteratorDefinition((_, _) => Plan("a", "b", "c"));
        var replay = new PlanReplay(definition, TaskId, Input);
        replay.StepAt(0, TaskState.Empty);
        replay.Close();
        _trace.Clear();

        var step = replay.StepAt(2, TaskState.Empty);

        Assert.Equal("c", Declared(step).Name);
        Assert.Equal("b", Declared(replay.StepAt(1, TaskState.Empty)).Name);
        Assert.Equal(2, definition.PlansCreated);
        Assert.Equal(["start", "yield a", "yield b", "yield c"], _trace);
    }

    [Fact]
    public void Reset_AfterTheEnd_ForgetsWhatThePlanSaidAndJudgesTheDefinitionAfresh()
    {
        var definition = new IteratorDefinition((_, _) => Plan("a"));
        var replay = new PlanReplay(definition, TaskId, Input);
        Assert.IsType<PlanStep.Ended>(replay.StepAt(1, TaskState.Empty));
        definition.Plan = (_, _) => Plan("x", "y");

        Assert.Null(replay.Reset());

        Assert.Equal("x", Declared(replay.StepAt(0, TaskState.Empty)).Name);
        Assert.Equal("y", Declared(replay.StepAt(1, TaskState.Empty)).Name);
        Assert.Equal(2, definition.PlansCreated);
    }

    [Fact]
    public void Reset_FinallyThrows_ReturnsWhatItThrewAndStillForgets()
    {
        var definition = new IteratorDefinition((_, _) => FinallyThrows());
        var replay = new PlanReplay(definition, TaskId, Input);
        replay.StepAt(0, TaskState.Empty);
        definition.Plan = (_, _) => Plan("z");

        var error = replay.Reset();

        Assert.IsType<IOException>(error);
        Assert.Equal("z", Declared(replay.StepAt(0, TaskState.Empty)).Name);
    }

    [Fact]
    public void Dispose_WhileEnumerating_RunsTheFinally()
    {
        var replay = Replay(Plan("a", "b"));
        replay.StepAt(0, TaskState.Empty);

        replay.Dispose();

        Assert.Equal("finally", _trace[^1]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HasCustomRevert_AnyTaskType_IsWhatTheTaskTypeSays(bool custom)
    {
        var replay = new PlanReplay(new IteratorDefinition((_, _) => Plan()) { HasCustomRevert = custom }, TaskId, Input);

        Assert.Equal(custom, replay.HasCustomRevert);
    }

    private static Phase Declared(PlanStep step) => Assert.IsType<PlanStep.Declared>(step).Phase;

    private static Phase Declare(string name) => Phase.Run(name, _ => Task.CompletedTask);

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

    private PlanReplay Replay(IEnumerable<Phase> plan) => Replay(new IteratorDefinition((_, _) => plan));

    private static PlanReplay Replay(IteratorDefinition definition) => new(definition, TaskId, Input);

    private IEnumerable<Phase> Plan(params string[] names)
    {
        _trace.Add("start");
        try
        {
            foreach (var name in names)
            {
                _trace.Add($"yield {name}");
                yield return Declare(name);
            }

            _trace.Add("end");
        }
        finally
        {
            _trace.Add("finally");
        }
    }

    private IEnumerable<Phase> Throwing(int before, int phases = 3)
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
            _trace.Add("finally");
        }
    }

    private static IEnumerable<Phase> YieldsNullAt1()
    {
        yield return Declare("a");
        yield return null!;
        yield return Declare("c");
    }

    private static IEnumerable<Phase> FinallyThrows()
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
    private static IEnumerable<Phase> Branching(PlanContext plan, List<int> seen)
    {
        seen.Add(plan.Outputs.Completed.Count);
        yield return Declare("inspect");
        var side = plan.Outputs.Get<string>("inspect");
        seen.Add(plan.Outputs.Completed.Count);
        yield return Declare($"prepare-{side}");
        seen.Add(plan.Outputs.Completed.Count);
        yield return Declare($"apply-{side}");
    }

    /// <summary>A plan that is not an iterator: its enumerator's Dispose is observable even after it ended.</summary>
    private sealed class CountingPlan(IEnumerable<Phase> inner) : IEnumerable<Phase>
    {
        public int Disposed { get; private set; }

        public IEnumerator<Phase> GetEnumerator() => new Counting(inner.GetEnumerator(), this);

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private sealed class Counting(IEnumerator<Phase> inner, CountingPlan owner) : IEnumerator<Phase>
        {
            public Phase Current => inner.Current;

            object IEnumerator.Current => Current;

            public bool MoveNext() => inner.MoveNext();

            public void Reset() => inner.Reset();

            public void Dispose()
            {
                owner.Disposed++;
                inner.Dispose();
            }
        }
    }
}
