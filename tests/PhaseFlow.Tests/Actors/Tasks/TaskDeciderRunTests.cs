using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>The decider running phases: recovery, retries, earlier runs, and a plan that no longer matches its journal.</summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class TaskDeciderRunTests
{
    private const string Id = DeciderHarness.TaskId;
    private static readonly TaskError Boom = TaskError.Of("System.InvalidOperationException", "boom");

    [Fact]
    public void Recovered_NothingWasEverSubmitted_DecidesNothing()
    {
        var decider = new DeciderHarness(new FakePlan(1));

        decider.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Empty(decider.Last.Events);
        Assert.Empty(decider.Last.Effects);
    }

    [Fact]
    public void Recovered_SettledTask_DecidesNothing()
    {
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Complete(decider.Submit());

        var next = decider.NextLife(decider.Plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: true));

        Assert.Empty(next.Last.Events);
        Assert.Empty(next.Last.Effects);
        Assert.Null(next.Life.Work);
    }

    [Fact]
    public void Recovered_EarlierRunOfAnAttempt_WaitsOnThatPhaseAndAttempt()
    {
        var decider = new DeciderHarness(new FakePlan(2, RetryPolicy.Exponential(3, TimeSpan.Zero)));
        var run = decider.Complete(decider.Submit());
        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: true)));
        Assert.Equal(2, decider.Life.Work!.Attempt);

        var next = decider.NextLife(decider.Plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: true));

        var wait = next.Effects<TaskEffect.AwaitEarlierRun>().Single();
        Assert.Equal(new Work(wait.RunId, WorkKind.EarlierRun, 1, 2, next.Now, new PhaseStopping(PhaseStopReason.EarlierRun, next.Now)), next.Life.Work);
        Assert.Empty(next.Effects<TaskEffect.RunAttempt>());
    }

    [Fact]
    public void Recovered_EarlierRunOfAnUndoAfterTheInFlightPhaseWasUndone_WaitsWithoutClaimingAPhase()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        var run = decider.Complete(decider.Submit());
        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), null));
        Assert.Null(decider.State.InFlightPhase);

        var next = decider.NextLife(decider.Plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: true));

        var wait = next.Effects<TaskEffect.AwaitEarlierRun>().Single();
        Assert.Equal(new Work(wait.RunId, WorkKind.EarlierRun, -1, 0, next.Now, new PhaseStopping(PhaseStopReason.EarlierRun, next.Now)), next.Life.Work);
        Assert.Empty(next.Effects<TaskEffect.RunUndo>());
    }

    [Fact]
    public void RetryDue_WhileAnEarlierRunIsAwaited_StartsNothing()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromSeconds(10))));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: true)));
        var next = decider.NextLife(decider.Plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: true));
        var wait = next.Life.Work;

        next.Now = next.Now.AddMinutes(1);
        next.Send(new TaskSignal.RetryDue(0));

        Assert.Empty(next.Last.Events);
        Assert.Empty(next.Effects<TaskEffect.RunAttempt>());
        Assert.Equal(wait, next.Life.Work);

        next.Send(new TaskSignal.EarlierRunReturned(wait!.RunId));
        Assert.Equal(new PhaseStarted(Id, 0, "phase-0", 2, next.Now), next.Event<PhaseStarted>());
    }

    [Fact]
    public void RetryDue_ForAnotherPhase_StartsNothing()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromSeconds(10))));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: true)));
        decider.Now = decider.Now.AddMinutes(1);

        decider.Send(new TaskSignal.RetryDue(1));

        Assert.Empty(decider.Last.Events);
        Assert.Empty(decider.Last.Effects);
    }

    [Fact]
    public void AttemptFinished_LastAllowedAttemptFailed_RevertsInsteadOfRetrying()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(2, TimeSpan.Zero)));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: true)));
        Assert.Equal(2, decider.Event<PhaseStarted>().Attempt);

        decider.Send(new TaskSignal.AttemptFinished(decider.Life.Work!.RunId, new AttemptOutcome.Failed(Boom, RetryWanted: true)));

        Assert.Equal(["PhaseAttemptFailed", "RevertStarted"], decider.EventNames);
        Assert.Equal(new PhaseAttemptFailed(Id, 0, "phase-0", 2, Boom, null, decider.Now), decider.Event<PhaseAttemptFailed>());
    }

    [Fact]
    public void AttemptFinished_FailedAgain_WaitsLongerBeforeEachAttempt()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(4, TimeSpan.FromSeconds(10), backoffFactor: 3)));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: true)));
        var first = decider.Event<PhaseAttemptFailed>().RetryAt;
        decider.Now = first!.Value;
        decider.Send(new TaskSignal.RetryDue(0));

        decider.Send(new TaskSignal.AttemptFinished(decider.Life.Work!.RunId, new AttemptOutcome.Failed(Boom, RetryWanted: true)));

        Assert.Equal(decider.Now.AddSeconds(30), decider.Event<PhaseAttemptFailed>().RetryAt);
    }

    [Fact]
    public void Recovered_WhileReverting_GoesOnWithTheUndoThatWasRunning()
    {
        var decider = new DeciderHarness(new FakePlan(3));
        var run = decider.Complete(decider.Complete(decider.Submit()));
        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), null));
        Assert.Equal(1, decider.Effects<TaskEffect.RunUndo>().Single().Index);

        var next = decider.NextLife(decider.Plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Empty(next.Last.Events);
        Assert.Equal(new TaskEffect.RunUndo(next.Life.Work!.RunId, 1, PhaseCompleted: true), next.Effects<TaskEffect.RunUndo>().Single());
    }

    [Fact]
    public void Recovered_NoPlanAndNoReasonGiven_RunsNothing()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();

        var next = decider.NextLife(plan: null);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Empty(next.Last.Events);
        Assert.Empty(next.Effects<TaskEffect.RunAttempt>());
        Assert.Null(next.Life.Work);
    }

    [Fact]
    public void Recovered_DefinitionChanged_SuspendsClosesThePlanAndSaysWhatToDo()
    {
        var plan = new FakePlan(2);
        var decider = new DeciderHarness(plan);
        decider.Complete(decider.Submit());
        plan.Rename(0, "renamed");

        var next = decider.NextLife(plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        var error = next.Event<TaskSuspended>().Error;
        Assert.Equal("DefinitionChanged", error.Type);
        Assert.Equal(
            "Task definition changed: phase 1 was recorded as 'phase-0' but the plan now yields 'renamed' (task type 'fake', accepted by fake@1). " +
            "Nothing was run; restore the previous definition and resume the task, or cancel it to undo what the current definition still declares.",
            error.Message);
        Assert.Single(next.Effects<TaskEffect.ClosePlan>());
        Assert.Null(next.Life.Work);
    }

    [Fact]
    public void Recovered_PlanNowEndsBeforeARecordedPhase_Suspends()
    {
        var decider = new DeciderHarness(new FakePlan(3));
        decider.Complete(decider.Complete(decider.Submit()));

        var next = decider.NextLife(new FakePlan(1));
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.StartsWith(
            "Task definition changed: phase 2 was recorded as 'phase-1' but the plan now ends before it (",
            next.Event<TaskSuspended>().Error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Recovered_PlanNowThrowsBeforeARecordedPhase_SuspendsNamingTheError()
    {
        var decider = new DeciderHarness(new FakePlan(3));
        decider.Complete(decider.Complete(decider.Submit()));

        var next = decider.NextLife(new FakePlan(1) { ThrowsAfterLast = Boom });
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.StartsWith(
            "Task definition changed: phase 2 was recorded as 'phase-1' but the plan now fails there (boom) (",
            next.Event<TaskSuspended>().Error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Recovered_AttemptInterruptedTooOften_FailsItWithAnErrorThatSaysWhy()
    {
        var rules = new TaskRules(MaxInterruptedRuns: 1);
        var decider = new DeciderHarness(new FakePlan(1), rules);
        decider.Submit();

        var next = decider.NextLife(decider.Plan, rules);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Equal(["PhaseAttemptFailed", "RevertStarted"], next.EventNames);
        Assert.Equal(
            TaskError.Of(
                "PhaseInterrupted",
                "Phase 1 'phase-0' attempt 1 was interrupted 1 times in a row: the node stopped while it ran (a crash, running out of memory, a kill). " +
                "It counts as a failed attempt, so it is not run again and again."),
            next.Event<PhaseAttemptFailed>().Error);
    }

    [Fact]
    public void Recovered_FailedAttemptStoredWithoutItsError_RevertsWithAnErrorNamingThePhase()
    {
        // A journal whose last failure has no error (a null in the stored event): the revert still says what failed.
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Complete(decider.Submit());
        decider.Apply(new PhaseAttemptFailed(Id, 1, "phase-1", 1, null!, null, decider.Now));
        Assert.Equal(PhaseLifecycleState.Failed, decider.State.InFlightPhase!.State);

        var next = decider.NextLife(decider.Plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Equal(["RevertStarted"], next.EventNames);
        Assert.Equal(TaskError.Of("PhaseFailed", "Phase 2 'phase-1' failed."), next.Event<RevertStarted>().Error);
        Assert.Equal(new TaskEffect.RunUndo(next.Life.Work!.RunId, 1, PhaseCompleted: false), next.Effects<TaskEffect.RunUndo>().Single());
    }
}
