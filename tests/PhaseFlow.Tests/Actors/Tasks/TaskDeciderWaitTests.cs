using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>Waiting phases, decided without Akka: durable delays and signal waits.</summary>
[Trait("Category", "Core")]
public sealed class TaskDeciderWaitTests
{
    private static readonly TaskRules Sleeps = new(MaxInterruptedRuns: 3, SleepAfter: TimeSpan.FromSeconds(10));

    private static Phase Work(string name) => Phase.Run(name, _ => Task.CompletedTask);

    [Fact]
    public void Delay_Started_RecordsUntilWhenRunsNothingAndSleeps()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.Delay("pause", TimeSpan.FromMinutes(5)), Work("after")), Sleeps);

        decider.Submit();

        var started = decider.Event<PhaseStarted>();
        var until = decider.Now.AddMinutes(5);
        Assert.Equal(new PhaseWaitRecord(PhaseWaitKind.Delay, null, until), started.Wait);
        Assert.Empty(decider.Effects<TaskEffect.RunAttempt>());
        Assert.Equal([new TaskEffect.ScheduleWait(0, until)], decider.Effects<TaskEffect.ScheduleWait>());
        Assert.Equal([new TaskEffect.Sleep(until)], decider.Effects<TaskEffect.Sleep>());
        Assert.True(decider.Life.IsIdle);
    }

    [Fact]
    public void Delay_RecoveredBeforeItEnds_WaitsForTheRecordedTimeWithoutRunningAnything()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.Delay("pause", TimeSpan.FromMinutes(5)), Work("after")), Sleeps);
        decider.Submit();
        var until = decider.Event<PhaseStarted>().Wait!.Until!.Value;

        // A restart (or another node) two minutes later, even with the delay changed in the definition since.
        var next = decider.NextLife(new FakePlan(Phase.Delay("pause", TimeSpan.FromHours(9)), Work("after")), Sleeps);
        next.Now = until.AddMinutes(-3);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Empty(next.Last.Events);
        Assert.Equal([new TaskEffect.ScheduleWait(0, until)], next.Effects<TaskEffect.ScheduleWait>());
    }

    [Fact]
    public void Delay_Due_CompletesAndStartsTheNextPhaseInOneWrite()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.Delay("pause", TimeSpan.FromSeconds(30)), Work("after")), Sleeps);
        decider.Submit();
        var until = decider.Event<PhaseStarted>().Wait!.Until!.Value;

        decider.Now = until.AddMilliseconds(-1);
        decider.Send(new TaskSignal.WaitDue(0));
        Assert.Empty(decider.Last.Events);

        decider.Now = until;
        decider.Send(new TaskSignal.WaitDue(0));
        Assert.Equal(["PhaseCompleted", "PhaseStarted"], decider.EventNames);
        Assert.Equal(1, decider.Effects<TaskEffect.RunAttempt>().Single().Index);
    }

    [Fact]
    public void Delay_NodeDownPastItsEnd_CompletesOnRecovery()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.Delay("pause", TimeSpan.FromSeconds(30)), Work("after")), Sleeps);
        decider.Submit();

        var next = decider.NextLife(decider.Plan, Sleeps);
        next.Now = decider.Now.AddHours(1);
        next.Send(new TaskSignal.Recovered(null, EarlierRun: false));

        Assert.Equal(["PhaseCompleted", "PhaseStarted"], next.EventNames);
    }

    [Fact]
    public void Signal_WhileWaiting_CompletesThePhaseWithThePayloadAndAccepts()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.WaitForSignal("approval", "approved"), Work("after")), Sleeps);
        decider.Submit();
        Assert.Equal([new TaskEffect.Sleep(null)], decider.Effects<TaskEffect.Sleep>());
        Assert.Empty(decider.Effects<TaskEffect.ScheduleWait>());

        decider.Send(Signal("approved", "{\"by\":\"ann\"}", "s-1"));

        Assert.Equal(["SignalReceived", "PhaseCompleted", "PhaseStarted"], decider.EventNames);
        Assert.Equal("{\"by\":\"ann\"}", decider.Event<PhaseCompleted>().OutputJson);
        Assert.Equal(0, decider.Event<SignalReceived>().PhaseIndex);
        Assert.IsType<CommandAccepted>(decider.Reply);
    }

    [Fact]
    public void Signal_SameSignalIdAgain_AcceptedAndChangesNothing()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.WaitForSignal("approval", "approved"), Phase.WaitForSignal("second", "approved")), Sleeps);
        decider.Submit();
        decider.Send(Signal("approved", "1", "s-1"));

        decider.Send(Signal("approved", "2", "s-1"));

        Assert.Empty(decider.Last.Events);
        Assert.IsType<CommandAccepted>(decider.Reply);
        Assert.Equal(1, decider.State.Phases.Count(p => p.State == PhaseLifecycleState.Completed));
    }

    [Fact]
    public void Signal_NotAwaitedAndNotDeclared_IsRefusedSayingWhatTheTaskWaitsFor()
    {
        var decider = new DeciderHarness(new FakePlan(Phase.WaitForSignal("approval", "approved")), Sleeps);
        decider.Submit();

        decider.Send(Signal("rejected", null, null));

        Assert.Empty(decider.Last.Events);
        var rejected = Assert.IsType<CommandRejected>(decider.Reply);
        Assert.Equal(RejectionCode.InvalidState, rejected.Code);
        Assert.Equal(
            "Task 't' does not wait for signal 'rejected' (it waits for signal 'approved'), and its type does not declare that signal, so it would never be used.",
            rejected.Message);
    }

    [Fact]
    public void Signal_DeclaredAndArrivingBeforeTheWait_IsKeptAndCompletesTheWaitWhenItStarts()
    {
        var decider = new DeciderHarness(new FakePlan(Work("first"), Phase.WaitForSignal("approval", "approved"), Work("after")), Sleeps);
        var run = decider.Submit();

        decider.Send(new TaskSignal.Signal(new SignalTask("t", "approved", "true", null), Declared: true));
        Assert.Equal(["SignalReceived"], decider.EventNames);
        Assert.Null(decider.Event<SignalReceived>().PhaseIndex);

        decider.Complete(run);
        Assert.Equal(["PhaseCompleted", "PhaseStarted", "PhaseCompleted", "PhaseStarted"], decider.EventNames);
        var taken = decider.Last.Events.OfType<PhaseCompleted>().Last();
        Assert.Equal((1, "true", (int?)0), (taken.Index, taken.OutputJson, taken.SignalNumber));
        Assert.True(decider.State.Signals.Single().Used);
    }

    [Fact]
    public void Signal_TaskFinished_IsRefused()
    {
        var decider = new DeciderHarness(new FakePlan(Work("only")), Sleeps);
        decider.Complete(decider.Submit());

        decider.Send(new TaskSignal.Signal(new SignalTask("t", "approved", null, null), Declared: true));

        Assert.Equal(RejectionCode.InvalidState, Assert.IsType<CommandRejected>(decider.Reply).Code);
        Assert.Empty(decider.Last.Events);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("ü")]
    public void Signal_BadName_IsRefusedAsInvalidInput(string name)
    {
        var decider = new DeciderHarness(new FakePlan(Phase.WaitForSignal("approval", "approved")), Sleeps);
        decider.Submit();

        decider.Send(Signal(name, null, null));

        Assert.Equal(RejectionCode.InvalidInput, Assert.IsType<CommandRejected>(decider.Reply).Code);
    }

    [Fact]
    public void SignalWait_TimesOut_FailsTheAttemptAndTheRetryWaitsAgainFromItsOwnStart()
    {
        var wait = Phase.WaitForSignal("approval", "approved", TimeSpan.FromMinutes(1)).WithRetry(RetryPolicy.Exponential(2, TimeSpan.FromSeconds(5)));
        var decider = new DeciderHarness(new FakePlan(wait), Sleeps);
        decider.Submit();
        var until = decider.Event<PhaseStarted>().Wait!.Until!.Value;
        Assert.Equal([new TaskEffect.ScheduleWait(0, until)], decider.Effects<TaskEffect.ScheduleWait>());

        decider.Now = until;
        decider.Send(new TaskSignal.WaitDue(0));
        var failed = decider.Event<PhaseAttemptFailed>();
        Assert.Equal("SignalTimedOut", failed.Error.Type);
        Assert.NotNull(failed.RetryAt);

        decider.Now = failed.RetryAt!.Value;
        decider.Send(new TaskSignal.RetryDue(0));
        var second = decider.Event<PhaseStarted>();
        Assert.Equal((2, decider.Now.AddMinutes(1)), (second.Attempt, second.Wait!.Until));

        decider.Now = decider.Now.AddMinutes(1);
        decider.Send(new TaskSignal.WaitDue(0));
        Assert.Equal(["PhaseAttemptFailed", "RevertStarted", "PhaseReverted", "TaskReverted"], decider.EventNames);
    }

    [Fact]
    public void Cancel_WhileWaiting_RevertsAtOnceAndForgetsTheTimer()
    {
        var decider = new DeciderHarness(new FakePlan(Work("first"), Phase.Delay("pause", TimeSpan.FromHours(1))), Sleeps);
        decider.Complete(decider.Submit());

        decider.Send(new TaskSignal.Cancel());

        Assert.Contains(new TaskEffect.CancelRetry(), decider.Last.Effects);
        Assert.Equal("RevertStarted", decider.EventNames[0]);
        Assert.IsType<CommandAccepted>(decider.Reply);
    }

    private static TaskSignal.Signal Signal(string name, string? payload, string? id) =>
        new(new SignalTask("t", name, payload, id), Declared: false);
}
