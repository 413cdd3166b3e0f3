using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>The decider reverting: when the plan is closed, phases without an undo, the task type's own revert, and missing definitions.</summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class TaskDeciderRevertTests
{
    private const string Id = DeciderHarness.TaskId;
    private static readonly TaskError Boom = TaskError.Of("System.InvalidOperationException", "boom");

    [Fact]
    public void AttemptFinished_Failed_ClosesThePlanBeforeTheFirstUndoRuns()
    {
        var decider = new DeciderHarness(new FakePlan(2));

        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));

        var effects = decider.Last.Effects;
        var close = effects.Select((e, i) => (e, i)).Single(x => x.e is TaskEffect.ClosePlan).i;
        var undo = effects.Select((e, i) => (e, i)).Single(x => x.e is TaskEffect.RunUndo).i;
        Assert.True(close < undo, $"The plan must be closed before the undo runs: {string.Join(", ", effects)}");
    }

    [Fact]
    public void UndoFinished_LastUndo_EndsRevertedAndClosesThePlanAgain()
    {
        // A revert that resumed after a restart enumerated the plan again to find its undos; the end closes that enumeration.
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));

        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), null));

        Assert.Equal(["PhaseReverted", "TaskReverted"], decider.EventNames);
        Assert.Single(decider.Effects<TaskEffect.ClosePlan>());
    }

    [Fact]
    public void UndoFinished_Error_FailsTheRevertAndClosesThePlan()
    {
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        var error = TaskError.Of("System.IO.IOException", "busy");

        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), error));

        Assert.Equal(new RevertFailed(Id, error, 0, decider.Now), decider.Event<RevertFailed>());
        Assert.Single(decider.Effects<TaskEffect.ClosePlan>());
        Assert.Null(decider.Life.Work);
    }

    [Fact]
    public void UndoFinished_StaleRunId_IsIgnored()
    {
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        var undo = decider.Life.Work;

        decider.Send(new TaskSignal.UndoFinished(undo!.RunId - 1, null));

        Assert.Empty(decider.Last.Events);
        Assert.Equal(undo, decider.Life.Work);
    }

    [Fact]
    public void Revert_PhasesWithoutUndo_AreMarkedRevertedInOneDecisionWithoutRunningAnything()
    {
        var decider = new DeciderHarness(new FakePlan(2, undos: false));
        var run = decider.Complete(decider.Submit());

        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: false)));

        Assert.Equal(["PhaseAttemptFailed", "RevertStarted", "PhaseReverted", "PhaseReverted", "TaskReverted"], decider.EventNames);
        Assert.Equal([1, 0], decider.Last.Events.OfType<PhaseReverted>().Select(e => e.Index));
        Assert.All(decider.Last.Events.OfType<PhaseReverted>(), e => Assert.Null(e.Skipped));
        Assert.Empty(decider.Effects<TaskEffect.RunUndo>());
        Assert.Null(decider.Life.Work);
    }

    [Fact]
    public void Revert_CustomRevert_RunsAsOneWorkWithoutAPhaseAndItsSuccessEndsReverted()
    {
        var decider = new DeciderHarness(new FakePlan(2) { HasCustomRevert = true });
        var run = decider.Complete(decider.Submit());
        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        var revert = decider.RunId<TaskEffect.RunCustomRevert>();
        Assert.Equal(new Work(revert, WorkKind.CustomRevert, -1, 0, decider.Now), decider.Life.Work);

        decider.Send(new TaskSignal.UndoFinished(revert, null));

        Assert.Equal(["TaskReverted"], decider.EventNames);
        Assert.Equal(TaskLifecycleState.Reverted, decider.State.State);
        Assert.Single(decider.Effects<TaskEffect.ClosePlan>());
    }

    [Fact]
    public void Revert_CompletedPhaseTheDefinitionNoLongerDeclares_FailsTheRevertSayingHowToFixIt()
    {
        var plan = new FakePlan(2);
        var decider = new DeciderHarness(plan);
        decider.Complete(decider.Submit());
        plan.Rename(0, "renamed");
        var next = decider.NextLife(plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));
        next.Send(new TaskSignal.Cancel());
        Assert.Equal(1, next.Effects<TaskEffect.RunUndo>().Single().Index);

        next.Send(new TaskSignal.UndoFinished(next.RunId<TaskEffect.RunUndo>(), null));

        Assert.Equal(["PhaseReverted", "RevertFailed"], next.EventNames);
        var failed = next.Event<RevertFailed>();
        Assert.Equal(0, failed.PhaseIndex);
        Assert.Equal(
            TaskError.Of(
                "DefinitionChanged",
                "Cannot undo phase 1 'phase-0': the current definition of 'fake' no longer yields it there. " +
                "Restore the previous definition (or give the task type its own revert) and retry the revert."),
            failed.Error);
    }

    [Fact]
    public void Cancel_TypeNotLoadedAndNothingToUndo_EndsReverted()
    {
        var decider = new DeciderHarness(plan: null);
        decider.Apply(new TaskAccepted(Id, "fake", "{}", "fake@1", decider.Now));
        decider.Send(new TaskSignal.Recovered(new TaskProblem("Unknown task type 'fake'.", decider.Now), EarlierRun: false));

        decider.Send(new TaskSignal.Cancel());

        Assert.Equal(["RevertStarted", "TaskReverted"], decider.EventNames);
        Assert.Equal(new CommandAccepted(Id, TaskLifecycleState.Reverted), decider.Reply);
    }

    [Fact]
    public void Cancel_TypeMissingWithoutAReason_FailsTheRevertNamingTheType()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();
        var next = decider.NextLife(plan: null);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        next.Send(new TaskSignal.Cancel());

        Assert.Equal(["RevertStarted", "RevertFailed"], next.EventNames);
        Assert.Equal(
            new RevertFailed(
                Id,
                TaskError.Of(
                    "TaskTypeUnavailable",
                    "Task type 'fake' is not loaded on this node. The revert needs the task type to undo phase 1; fix that and retry the revert."),
                0,
                next.Now),
            next.Event<RevertFailed>());
    }
}
