using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>The rules of <see cref="TaskState.Apply"/> the decider relies on: what a revert resets, and which events it refuses.</summary>
[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class TaskStateApplyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TaskError Cause = TaskError.Of("E", "cause");

    [Fact]
    public void Empty_NothingAccepted_DoesNotExistAndHasNoIdentity()
    {
        // A fresh instance too: Empty itself is built once per process, before any test runs.
        foreach (var state in new[] { TaskState.Empty, new TaskState() })
        {
            Assert.False(state.Exists);
            Assert.False(state.IsSettled);
            Assert.Equal((string.Empty, string.Empty, string.Empty, string.Empty), (state.TaskId, state.TaskType, state.InputJson, state.TypeVersion));
            Assert.Empty(state.Phases);
        }
    }

    [Fact]
    public void Apply_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => TaskState.Empty.Apply(null!));
    }

    [Fact]
    public void Apply_EventThisVersionDoesNotKnow_ThrowsSayingItCannotApplyIt()
    {
        var error = Assert.Throws<ArgumentException>(() => Accepted().Apply(new FutureEvent("t", T0)));

        Assert.StartsWith($"Unknown task event {typeof(FutureEvent).FullName}; this version of PhaseFlow cannot apply it.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_EventForTheIndexRightAfterTheLastPhase_Throws()
    {
        var state = Accepted().Apply(new PhaseStarted("t", 0, "a", 1, T0));

        var error = Assert.Throws<ArgumentException>(() => state.Apply(new PhaseCompleted("t", 1, "b", null, T0)));

        Assert.StartsWith("Event for phase 1 of task 't', which has 1 recorded phase(s).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RevertStartedWithoutAnError_KeepsTheCauseRecordedBefore()
    {
        var state = Accepted().Apply(new TaskSuspended("t", Cause, T0));

        state = state.Apply(new RevertStarted("t", RevertReason.Cancelled, null, T0));

        Assert.Equal(Cause, state.Error);
    }

    [Fact]
    public void Apply_RevertStartedWithAnError_MakesItTheCause()
    {
        var newer = TaskError.Of("E", "newer");
        var state = Accepted().Apply(new TaskSuspended("t", Cause, T0));

        state = state.Apply(new RevertStarted("t", RevertReason.Failed, newer, T0));

        Assert.Equal(newer, state.Error);
    }

    [Fact]
    public void Apply_RevertStarted_ClearsTheCancelRequestAndAPendingRetry()
    {
        var state = Accepted()
            .Apply(new PhaseStarted("t", 0, "a", 1, T0))
            .Apply(new PhaseCompleted("t", 0, "a", "1", T0))
            .Apply(new PhaseStarted("t", 1, "b", 1, T0))
            .Apply(new PhaseAttemptFailed("t", 1, "b", 1, Cause, T0.AddMinutes(1), T0))
            .Apply(new CancelRequested("t", T0));
        Assert.True(state.CancelRequested);

        state = state.Apply(new RevertStarted("t", RevertReason.Cancelled, null, T0.AddSeconds(1)));

        Assert.False(state.CancelRequested);
        Assert.Equal((PhaseLifecycleState.Running, (DateTimeOffset?)null), (state.Phases[1].State, state.Phases[1].RetryAt));
        Assert.Equal(PhaseLifecycleState.Completed, state.Phases[0].State);
        Assert.Equal(T0.AddSeconds(1), state.RevertStartedAt);
    }

    [Fact]
    public void CompletedBefore_Index_ListsTheCompletedPhasesBelowItInOrder()
    {
        var state = Accepted()
            .Apply(new PhaseStarted("t", 0, "a", 1, T0))
            .Apply(new PhaseCompleted("t", 0, "a", "1", T0))
            .Apply(new PhaseStarted("t", 1, "b", 1, T0))
            .Apply(new PhaseCompleted("t", 1, "b", "2", T0))
            .Apply(new PhaseStarted("t", 2, "c", 1, T0));

        Assert.Equal(["a"], state.CompletedBefore(1).Select(p => p.Name));
        Assert.Equal(["a", "b"], state.CompletedBefore(3).Select(p => p.Name));
        Assert.Empty(state.CompletedBefore(0));
    }

    private static TaskState Accepted() => TaskState.Empty.Apply(new TaskAccepted("t", "x", "{}", "x@1", T0));

    /// <summary>An event a later version of PhaseFlow could have written.</summary>
    private sealed record FutureEvent(string TaskId, DateTimeOffset At) : ITaskEvent;
}
