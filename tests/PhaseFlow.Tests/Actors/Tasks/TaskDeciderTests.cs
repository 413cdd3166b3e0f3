using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>The decision function alone: no actor system, no journal, no task code — signals in, events and effects out.</summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class TaskDeciderTests
{
    private static readonly TaskError Boom = TaskError.Of("System.InvalidOperationException", "boom");

    [Fact]
    public void Submit_NewTask_AcceptsAndStartsPhase0InOneWrite()
    {
        var decider = new DeciderHarness(new FakePlan(2));

        decider.Submit();

        Assert.Equal(["TaskAccepted", "PhaseStarted"], decider.EventNames);
        Assert.Equal(new TaskSubmitted(DeciderHarness.TaskId, TaskLifecycleState.Running, Created: true), decider.Reply);
        Assert.Equal(new TaskEffect.RunAttempt(1, 0, 1), decider.Effects<TaskEffect.RunAttempt>().Single());
    }

    [Fact]
    public void Submit_PlanThrowsBeforeItsFirstPhase_RevertsAndNeverSucceeds()
    {
        var decider = new DeciderHarness(new FakePlan(0) { ThrowsAfterLast = Boom });

        decider.Submit();

        Assert.Equal(["TaskAccepted", "RevertStarted", "TaskReverted"], decider.EventNames);
        Assert.Equal(Boom, decider.Event<RevertStarted>().Error);
        Assert.Equal(TaskLifecycleState.Reverted, decider.State.State);
        Assert.DoesNotContain(decider.Last.Events, e => e is TaskSucceeded);
    }

    [Fact]
    public void AttemptFinished_PlanThrowsAfterTheLastPhase_CompletesItThenReverts()
    {
        var decider = new DeciderHarness(new FakePlan(1) { ThrowsAfterLast = Boom });
        var run = decider.Submit();

        decider.Complete(run, "\"x\"");

        Assert.Equal(["PhaseCompleted", "RevertStarted"], decider.EventNames);
        Assert.Equal(new TaskEffect.RunUndo(2, 0, PhaseCompleted: true), decider.Effects<TaskEffect.RunUndo>().Single());
    }

    [Fact]
    public void AttemptFinished_Completed_CompletesAndStartsTheNextPhaseInOneWrite()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        var run = decider.Submit();

        var next = decider.Complete(run, "\"out\"");

        Assert.Equal(["PhaseCompleted", "PhaseStarted"], decider.EventNames);
        Assert.Equal(new TaskEffect.RunAttempt(next, 1, 1), decider.Effects<TaskEffect.RunAttempt>().Single());
        decider.Complete(next);
        Assert.Equal(["PhaseCompleted", "TaskSucceeded"], decider.EventNames);
        Assert.Single(decider.Effects<TaskEffect.ClosePlan>());
    }

    [Fact]
    public void AttemptFinished_StaleRunId_IsIgnored()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        var run = decider.Submit();

        decider.Complete(run + 7);

        Assert.Empty(decider.Last.Events);
        Assert.Empty(decider.Last.Effects);
        Assert.Equal(run, decider.Life.Work!.RunId);
    }

    [Fact]
    public void AttemptTimedOut_MarksThePhaseStoppingAndStartsNothingUntilTheBodyReturns()
    {
        var decider = new DeciderHarness(new FakePlan(2, RetryPolicy.Exponential(3, TimeSpan.Zero)));
        var run = decider.Submit();

        decider.Send(new TaskSignal.AttemptTimedOut(run));
        Assert.Empty(decider.Last.Events);
        Assert.Empty(decider.Effects<TaskEffect.RunAttempt>());
        Assert.Equal(new PhaseStopping(PhaseStopReason.TimedOut, decider.Now), decider.Life.Work!.Stopping);

        // A due retry, a second timeout or a cancel while the body runs start nothing.
        decider.Send(new TaskSignal.RetryDue(0));
        Assert.Empty(decider.Effects<TaskEffect.RunAttempt>());
        decider.Send(new TaskSignal.Cancel());
        Assert.Equal(["CancelRequested"], decider.EventNames);
        Assert.Empty(decider.Effects<TaskEffect.RunUndo>());
        Assert.Equal(PhaseStopReason.TimedOut, decider.Life.Work!.Stopping!.Reason);

        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(TaskError.Of("System.TimeoutException", "timed out"), RetryWanted: true)));
        Assert.Equal(["PhaseAttemptFailed", "RevertStarted"], decider.EventNames);
        Assert.Null(decider.Event<PhaseAttemptFailed>().RetryAt);
        Assert.Equal(new TaskEffect.RunUndo(decider.Life.Work!.RunId, 0, PhaseCompleted: false), decider.Effects<TaskEffect.RunUndo>().Single());
    }

    [Fact]
    public void AttemptFinished_FailedWithAttemptsLeft_SchedulesTheNextAttemptAndRunsItWhenDue()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromSeconds(10))));
        var run = decider.Submit();

        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: true)));
        Assert.Equal(["PhaseAttemptFailed"], decider.EventNames);
        var due = decider.Now.AddSeconds(10);
        Assert.Equal(due, decider.Event<PhaseAttemptFailed>().RetryAt);
        Assert.Equal(new TaskEffect.ScheduleRetry(0, due), decider.Effects<TaskEffect.ScheduleRetry>().Single());

        decider.Now = due.AddSeconds(-1);
        decider.Send(new TaskSignal.RetryDue(0));
        Assert.Empty(decider.Last.Events);
        Assert.Single(decider.Effects<TaskEffect.ScheduleRetry>());

        decider.Now = due;
        decider.Send(new TaskSignal.RetryDue(0));
        Assert.Equal(2, decider.Event<PhaseStarted>().Attempt);
        Assert.Equal(2, decider.Effects<TaskEffect.RunAttempt>().Single().Attempt);
    }

    [Fact]
    public void AttemptFinished_RetryFilterSaidNo_RevertsDespiteAttemptsLeft()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.Zero)));
        var run = decider.Submit();

        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: false)));

        Assert.Equal(["PhaseAttemptFailed", "RevertStarted"], decider.EventNames);
        Assert.Equal(Boom, decider.Event<RevertStarted>().Error);
    }

    [Fact]
    public void Recovered_AttemptInterruptedBelowTheLimit_RunsTheSameAttemptAgainAndCountsIt()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();

        var restarted = Restart(decider);

        Assert.Equal(new PhaseStarted(DeciderHarness.TaskId, 0, "phase-0", 1, restarted.Now, Interruptions: 1), restarted.Event<PhaseStarted>());
        Assert.Equal(1, restarted.Effects<TaskEffect.RunAttempt>().Single().Attempt);
    }

    [Fact]
    public void Recovered_AttemptInterruptedForTheKthTime_CountsAsAFailedAttemptAndTheRetryPolicyDecides()
    {
        var rules = new TaskRules(MaxInterruptedRuns: 3);
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(2, TimeSpan.Zero)), rules);
        decider.Submit();

        var second = Restart(decider, rules);
        var third = Restart(second, rules);
        var fourth = Restart(third, rules);

        Assert.Equal(2, third.Event<PhaseStarted>().Interruptions);
        Assert.Equal(["PhaseAttemptFailed", "PhaseStarted"], fourth.EventNames);
        var failed = fourth.Event<PhaseAttemptFailed>();
        Assert.Equal("PhaseInterrupted", failed.Error.Type);
        Assert.Contains("interrupted 3 times in a row", failed.Error.Message, StringComparison.Ordinal);
        Assert.Equal(new PhaseStarted(DeciderHarness.TaskId, 0, "phase-0", 2, fourth.Now, Interruptions: 0), fourth.Event<PhaseStarted>());
    }

    [Fact]
    public void Recovered_EarlierRunStillGoing_WaitsForItBeforeAnything()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();
        var restarted = new DeciderHarness(decider.Plan) { Now = decider.Now };
        foreach (var @event in AllEvents(decider))
        {
            restarted.Apply(@event);
        }

        restarted.Send(new TaskSignal.Recovered(null, EarlierRun: true));
        var wait = restarted.Effects<TaskEffect.AwaitEarlierRun>().Single();
        Assert.Empty(restarted.Last.Events);
        Assert.Equal(PhaseStopReason.EarlierRun, restarted.Life.Work!.Stopping!.Reason);

        restarted.Send(new TaskSignal.Cancel());
        Assert.Equal(["CancelRequested"], restarted.EventNames);
        Assert.Empty(restarted.Effects<TaskEffect.StopAttempt>());

        restarted.Send(new TaskSignal.EarlierRunReturned(wait.RunId));
        Assert.Equal(["RevertStarted"], restarted.EventNames);
        Assert.Equal(new TaskEffect.RunUndo(restarted.Life.Work!.RunId, 0, PhaseCompleted: false), restarted.Effects<TaskEffect.RunUndo>().Single());
    }

    [Fact]
    public void Cancel_WhileAnAttemptRuns_StopsItAndRevertsOnlyOnceTheBodyReturned()
    {
        var decider = new DeciderHarness(new FakePlan(3));
        var run = decider.Complete(decider.Submit());

        decider.Send(new TaskSignal.Cancel());
        Assert.Equal(["CancelRequested"], decider.EventNames);
        Assert.Equal(new TaskEffect.StopAttempt(run), decider.Effects<TaskEffect.StopAttempt>().Single());
        Assert.Equal(new CommandAccepted(DeciderHarness.TaskId, TaskLifecycleState.Running), decider.Reply);
        Assert.Equal(PhaseStopReason.Cancelled, decider.Life.Work!.Stopping!.Reason);

        decider.Send(new TaskSignal.Cancel());
        Assert.Empty(decider.Last.Events);
        Assert.IsType<CommandAccepted>(decider.Reply);

        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(TaskError.Of("Cancelled", "stopped"), RetryWanted: false)));
        Assert.Equal(["PhaseAttemptFailed", "RevertStarted"], decider.EventNames);
        Assert.Equal(RevertReason.Cancelled, decider.Event<RevertStarted>().Reason);
        Assert.Equal(new TaskEffect.RunUndo(decider.Life.Work!.RunId, 1, PhaseCompleted: false), decider.Effects<TaskEffect.RunUndo>().Single());

        decider.Send(new TaskSignal.Cancel());
        Assert.IsType<CommandAccepted>(decider.Reply);
    }

    [Fact]
    public void Revert_Default_UndoesTheInFlightPhaseThenCompletedPhasesNewestFirst()
    {
        var decider = new DeciderHarness(new FakePlan(4));
        var run = decider.Complete(decider.Complete(decider.Submit()));
        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: false)));

        var undone = new List<(int Index, bool Completed)>();
        while (decider.Effects<TaskEffect.RunUndo>().SingleOrDefault() is { } undo)
        {
            undone.Add((undo.Index, undo.PhaseCompleted));
            decider.Send(new TaskSignal.UndoFinished(undo.RunId, null));
        }

        Assert.Equal([(2, false), (1, true), (0, true)], undone);
        Assert.Equal(["PhaseReverted", "TaskReverted"], decider.EventNames);
        Assert.All(decider.State.Phases, p => Assert.Equal(PhaseLifecycleState.Reverted, p.State));
    }

    [Fact]
    public void UndoFinished_Error_EndsInRevertFailedAndRetryRevertGoesOnWhereItStopped()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        var run = decider.Complete(decider.Submit());
        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), null));

        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), TaskError.Of("System.IO.IOException", "busy")));
        Assert.Equal(["RevertFailed"], decider.EventNames);
        Assert.Equal(0, decider.Event<RevertFailed>().PhaseIndex);
        Assert.Equal(TaskLifecycleState.RevertFailed, decider.State.State);

        decider.Send(new TaskSignal.RetryRevert());
        Assert.Equal(["RevertStarted"], decider.EventNames);
        Assert.Equal(Boom, decider.Event<RevertStarted>().Error);
        Assert.Equal(0, decider.Effects<TaskEffect.RunUndo>().Single().Index);
    }

    [Fact]
    public void Recovered_DefinitionChanged_SuspendsWithoutRunningAndResumeWaitsForTheDefinition()
    {
        var plan = new FakePlan(3);
        var decider = new DeciderHarness(plan);
        decider.Complete(decider.Submit());
        plan.Rename(1, "phase-1-renamed");

        var restarted = Restart(decider);
        Assert.Equal(["TaskSuspended"], restarted.EventNames);
        Assert.StartsWith("Task definition changed: phase 2 was recorded as 'phase-1' but the plan now yields 'phase-1-renamed'", restarted.Event<TaskSuspended>().Error.Message, StringComparison.Ordinal);
        Assert.Empty(restarted.Effects<TaskEffect.RunAttempt>());

        restarted.Send(new TaskSignal.Resume());
        var refused = Assert.IsType<CommandRejected>(restarted.Reply);
        Assert.Contains("phase 2 was recorded as 'phase-1'", refused.Message, StringComparison.Ordinal);
        Assert.Empty(restarted.Last.Events);

        plan.Rename(1, "phase-1");
        restarted.Send(new TaskSignal.Resume());
        Assert.Equal(["TaskResumed", "PhaseStarted"], restarted.EventNames);
        Assert.Equal(new CommandAccepted(DeciderHarness.TaskId, TaskLifecycleState.Running), restarted.Reply);
        Assert.Equal(new TaskEffect.RunAttempt(restarted.Life.Work!.RunId, 1, 1), restarted.Effects<TaskEffect.RunAttempt>().Single());
    }

    [Fact]
    public void Cancel_SuspendedTask_UndoesCompletedPhasesAndSkipsAnInFlightPhaseTheDefinitionNoLongerDeclares()
    {
        var plan = new FakePlan(3);
        var decider = new DeciderHarness(plan);
        decider.Complete(decider.Submit());
        plan.Rename(1, "phase-1-renamed");
        var restarted = Restart(decider);

        restarted.Send(new TaskSignal.Cancel());

        Assert.Equal(["RevertStarted", "PhaseReverted"], restarted.EventNames);
        Assert.Contains("undo is unknown", restarted.Event<PhaseReverted>().Skipped, StringComparison.Ordinal);
        Assert.Equal(new TaskEffect.RunUndo(restarted.Life.Work!.RunId, 0, PhaseCompleted: true), restarted.Effects<TaskEffect.RunUndo>().Single());
        restarted.Send(new TaskSignal.UndoFinished(restarted.Life.Work!.RunId, null));
        Assert.Equal(TaskLifecycleState.Reverted, restarted.State.State);
    }

    [Fact]
    public void Recovered_TypeNotLoadable_RunsNothingAndCancelFailsTheRevertSayingWhy()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Complete(decider.Submit());
        var restarted = Restart(decider, plan: null, blocked: new TaskProblem("Unknown task type 'fake'.", decider.Now));

        Assert.Empty(restarted.Last.Events);
        Assert.Empty(restarted.Effects<TaskEffect.RunAttempt>());

        restarted.Send(new TaskSignal.Cancel());
        Assert.Equal(["RevertStarted", "RevertFailed"], restarted.EventNames);
        Assert.StartsWith("Unknown task type 'fake'. The revert needs the task type", restarted.Event<RevertFailed>().Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TaskLifecycleState.Succeeded)]
    [InlineData(TaskLifecycleState.Reverted)]
    public void Cancel_FinishedTask_IsRejectedAndStoresNothing(TaskLifecycleState finished)
    {
        var decider = new DeciderHarness(new FakePlan(1));
        var run = decider.Submit();
        decider.Send(finished == TaskLifecycleState.Succeeded
            ? new TaskSignal.AttemptFinished(run, new AttemptOutcome.Completed(null))
            : new TaskSignal.Cancel());
        if (finished == TaskLifecycleState.Reverted)
        {
            decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Completed(null)));
            decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), null));
        }

        Assert.Equal(finished, decider.State.State);
        decider.Send(new TaskSignal.Cancel());

        Assert.Empty(decider.Last.Events);
        Assert.Equal(RejectionCode.InvalidState, Assert.IsType<CommandRejected>(decider.Reply).Code);
    }

    [Fact]
    public void Commands_UnknownTask_AreNotFoundAndStoreNothing()
    {
        var decider = new DeciderHarness(plan: null);
        decider.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        foreach (TaskSignal command in new TaskSignal[] { new TaskSignal.Cancel(), new TaskSignal.RetryRevert(), new TaskSignal.Resume() })
        {
            decider.Send(command);
            Assert.Empty(decider.Last.Events);
            Assert.Equal(RejectionCode.NotFound, Assert.IsType<CommandRejected>(decider.Reply).Code);
        }
    }

    [Fact]
    public void Revert_CustomRevert_RunsOnceAndItsFailureEndsInRevertFailed()
    {
        var decider = new DeciderHarness(new FakePlan(2) { HasCustomRevert = true });
        var run = decider.Submit();

        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        var revert = decider.RunId<TaskEffect.RunCustomRevert>();
        decider.Send(new TaskSignal.UndoFinished(revert, Boom));

        Assert.Equal(["RevertFailed"], decider.EventNames);
        Assert.Null(decider.Event<RevertFailed>().PhaseIndex);
    }

    /// <summary>A new life of the actor on the same journal: the same events, a fresh life state, then Recovered.</summary>
    private static DeciderHarness Restart(DeciderHarness before, TaskRules? rules = null, ITaskPlan? plan = null, TaskProblem? blocked = null)
    {
        var after = new DeciderHarness(blocked is null ? plan ?? before.Plan : null, rules) { Now = before.Now.AddSeconds(1) };
        foreach (var @event in AllEvents(before))
        {
            after.Apply(@event);
        }

        after.Send(new TaskSignal.Recovered(blocked, EarlierRun: false));
        return after;
    }

    private static IEnumerable<ITaskEvent> AllEvents(DeciderHarness decider) => decider.History;
}
