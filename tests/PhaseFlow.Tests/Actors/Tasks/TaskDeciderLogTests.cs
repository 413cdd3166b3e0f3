using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>
/// What the decider asks the node's log to say: an operator reads these lines to follow a task, so each turn of its
/// life is logged once, at a level that matches (failures are warnings, a failed revert an error), naming what matters.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class TaskDeciderLogTests
{
    private static readonly TaskError Boom = TaskError.Of("System.InvalidOperationException", "boom");

    [Fact]
    public void Submit_NewTask_LogsTheAcceptanceWithItsType()
    {
        var decider = new DeciderHarness(new FakePlan(1));

        decider.Submit();

        Assert.Equal(["accepted (fake)."], Lines(decider, TaskLogLevel.Info));
    }

    [Fact]
    public void Recovered_UnfinishedTask_LogsItsStateAndHowManyPhasesItHas()
    {
        var decider = new DeciderHarness(new FakePlan(3));
        decider.Complete(decider.Submit());

        var next = decider.NextLife(decider.Plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Equal(["recovered in state Running with 2 phase(s) recorded; continuing."], Lines(next, TaskLogLevel.Info));
        Assert.Empty(Lines(next, TaskLogLevel.Warning));
    }

    [Fact]
    public void Recovered_TypeNotLoadable_WarnsWhyItCannotContinue()
    {
        var decider = new DeciderHarness(new FakePlan(2));
        decider.Submit();

        var next = decider.NextLife(plan: null);
        next.Send(new TaskSignal.Recovered(new TaskProblem("Unknown task type 'fake'.", next.Now), EarlierRun: false));

        Assert.Equal(["cannot continue: Unknown task type 'fake'."], Lines(next, TaskLogLevel.Warning));
    }

    [Fact]
    public void AttemptFinished_LastPhaseCompleted_LogsTheSuccessWithThePhaseCount()
    {
        var decider = new DeciderHarness(new FakePlan(2));

        decider.Complete(decider.Complete(decider.Submit()));

        Assert.Equal(["succeeded after 2 phase(s)."], Lines(decider, TaskLogLevel.Info));
    }

    [Fact]
    public void AttemptFinished_FailedWithAttemptsLeft_LogsTheErrorAndWhenTheNextAttemptIsDue()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromSeconds(10))));

        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: true)));

        var due = decider.Now.AddSeconds(10);
        Assert.Equal([$"phase 1 'phase-0' attempt 1 failed (boom); attempt 2 at {due:O}."], Lines(decider, TaskLogLevel.Info));
    }

    [Fact]
    public void AttemptFinished_FailedForGood_WarnsWithTheErrorThatStartsTheRevert()
    {
        var decider = new DeciderHarness(new FakePlan(1));

        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));

        Assert.Equal(["failed: boom; reverting."], Lines(decider, TaskLogLevel.Warning));
        Assert.Empty(Lines(decider, TaskLogLevel.Info));
    }

    [Fact]
    public void Cancel_IdleTask_LogsTheCancelAsInformation()
    {
        var decider = new DeciderHarness(new FakePlan(1, RetryPolicy.Exponential(3, TimeSpan.FromMinutes(1))));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: true)));

        decider.Send(new TaskSignal.Cancel());

        Assert.Equal(["cancelled; reverting."], Lines(decider, TaskLogLevel.Info));
        Assert.Empty(Lines(decider, TaskLogLevel.Warning));
    }

    [Fact]
    public void Cancel_WhileAPhaseRuns_LogsThatTheRevertWaitsForThatPhase()
    {
        var decider = new DeciderHarness(new FakePlan(3));
        decider.Complete(decider.Submit());

        decider.Send(new TaskSignal.Cancel());

        Assert.Equal(["cancel requested; waiting for phase 2 to return before reverting."], Lines(decider, TaskLogLevel.Info));
    }

    [Fact]
    public void AttemptTimedOut_WarnsThatTheTaskWaitsForTheBody()
    {
        var decider = new DeciderHarness(new FakePlan(1));
        var run = decider.Submit();

        decider.Send(new TaskSignal.AttemptTimedOut(run));

        Assert.Equal(
            ["phase 1 attempt 1 timed out; its token is cancelled and the task waits for its body to return."],
            Lines(decider, TaskLogLevel.Warning));
    }

    [Fact]
    public void Recovered_DefinitionChanged_WarnsWithTheSuspensionError()
    {
        var plan = new FakePlan(2);
        var decider = new DeciderHarness(plan);
        decider.Complete(decider.Submit());
        plan.Rename(0, "renamed");

        var next = decider.NextLife(plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Equal([$"suspended: {next.Event<TaskSuspended>().Error.Message}"], Lines(next, TaskLogLevel.Warning));
    }

    [Fact]
    public void Recovered_AttemptInterruptedTooOften_WarnsWithTheAttemptsError()
    {
        var rules = new TaskRules(MaxInterruptedRuns: 1);
        var decider = new DeciderHarness(new FakePlan(1), rules);
        decider.Submit();

        var next = decider.NextLife(decider.Plan, rules);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Equal(next.Event<PhaseAttemptFailed>().Error.Message, Lines(next, TaskLogLevel.Warning)[0]);
    }

    [Fact]
    public void Cancel_SuspendedTaskWithAnUndeclaredInFlightPhase_WarnsThatItsUndoWasSkipped()
    {
        var plan = new FakePlan(3);
        var decider = new DeciderHarness(plan);
        decider.Complete(decider.Submit());
        plan.Rename(1, "renamed");
        var next = decider.NextLife(plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        next.Send(new TaskSignal.Cancel());

        Assert.Equal([next.Event<PhaseReverted>().Skipped + "."], Lines(next, TaskLogLevel.Warning));
    }

    [Theory]
    [InlineData(false, "reverted (Failed).")]
    [InlineData(true, "reverted (Cancelled).")]
    public void UndoFinished_LastUndo_LogsTheRevertAndItsReason(bool cancelled, string expected)
    {
        var decider = new DeciderHarness(new FakePlan(1));
        var run = decider.Submit();
        if (cancelled)
        {
            decider.Send(new TaskSignal.Cancel());
        }

        decider.Send(new TaskSignal.AttemptFinished(run, new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), null));

        Assert.Equal([expected], Lines(decider, TaskLogLevel.Info));
    }

    [Fact]
    public void UndoFinished_UndoFailed_LogsAnErrorNamingThePhase()
    {
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));

        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), TaskError.Of("System.IO.IOException", "busy")));

        Assert.Equal(["revert failed undoing phase 1: busy"], Lines(decider, TaskLogLevel.Error));
    }

    [Fact]
    public void AttemptFinished_FailedWithAStackTrace_TheWarningSpeaksPlainlyAndTheTraceIsLoggedAsInformation()
    {
        // The API and the CLI show the kind and the message only; the node's log is where the stack trace stays,
        // below the warning level an operator reads first.
        var decider = new DeciderHarness(new FakePlan(1));
        var error = Boom with { StackTrace = "   at Tasks.Fetch.RunAsync()", Inner = new TaskError("System.IO.IOException", "reset", "   at Tasks.Net.Read()") };

        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(error, RetryWanted: false)));

        Assert.Equal(["failed: boom; reverting."], Lines(decider, TaskLogLevel.Warning));
        Assert.Equal(
            [
                string.Join(
                    Environment.NewLine,
                    "stack trace of the failure that started the revert:",
                    "System.InvalidOperationException: boom",
                    "   at Tasks.Fetch.RunAsync()",
                    "caused by System.IO.IOException: reset",
                    "   at Tasks.Net.Read()"),
            ],
            Lines(decider, TaskLogLevel.Info));
    }

    [Fact]
    public void UndoFinished_CustomRevertFailed_LogsAnErrorWithoutAPhase()
    {
        var decider = new DeciderHarness(new FakePlan(1) { HasCustomRevert = true });
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));

        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunCustomRevert>(), TaskError.Of("System.IO.IOException", "busy")));

        Assert.Equal(["revert failed: busy"], Lines(decider, TaskLogLevel.Error));
    }

    [Fact]
    public void RetryRevert_RevertFailedTask_LogsTheRetry()
    {
        var decider = new DeciderHarness(new FakePlan(1));
        decider.Send(new TaskSignal.AttemptFinished(decider.Submit(), new AttemptOutcome.Failed(Boom, RetryWanted: false)));
        decider.Send(new TaskSignal.UndoFinished(decider.RunId<TaskEffect.RunUndo>(), TaskError.Of("System.IO.IOException", "busy")));

        decider.Send(new TaskSignal.RetryRevert());

        Assert.Equal(["revert retried."], Lines(decider, TaskLogLevel.Info));
    }

    [Fact]
    public void Resume_DefinitionRestored_LogsTheResume()
    {
        var plan = new FakePlan(2);
        var decider = new DeciderHarness(plan);
        decider.Complete(decider.Submit());
        plan.Rename(0, "renamed");
        var next = decider.NextLife(plan);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));
        plan.Rename(0, "phase-0");

        next.Send(new TaskSignal.Resume());

        Assert.Equal(["resumed: the definition matches the journal again."], Lines(next, TaskLogLevel.Info));
    }

    private static List<string> Lines(DeciderHarness decider, TaskLogLevel level) =>
        [.. decider.Effects<TaskEffect.Log>().Where(l => l.Level == level).Select(l => l.Message)];
}
