using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Tasks;

[Trait(TestCategory.Name, TestCategory.Core)]
public sealed class TaskStateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_RetriedPhase_TracksAttemptsRetryTimeAndCompletion()
    {
        var state = Replay(
            new TaskAccepted("t", "x", "{}", "x@1", T0),
            new PhaseStarted("t", 0, "a", 1, T0.AddSeconds(1)),
            new PhaseAttemptFailed("t", 0, "a", 1, TaskError.Of("E", "first"), T0.AddSeconds(5), T0.AddSeconds(2)));

        Assert.Equal(TaskLifecycleState.Running, state.State);
        Assert.Equal(new PhaseRecord(0, "a", PhaseLifecycleState.Running, 1, null, TaskError.Of("E", "first"), T0.AddSeconds(1), null, T0.AddSeconds(5)), state.Phases[0]);

        state = state
            .Apply(new PhaseStarted("t", 0, "a", 2, T0.AddSeconds(5)))
            .Apply(new PhaseCompleted("t", 0, "a", "1", T0.AddSeconds(6)));

        Assert.Equal(new PhaseRecord(0, "a", PhaseLifecycleState.Completed, 2, "1", TaskError.Of("E", "first"), T0.AddSeconds(1), T0.AddSeconds(6), null), state.Phases[0]);
        Assert.Equal(T0.AddSeconds(6), state.UpdatedAt);
        Assert.Equal(T0, state.CreatedAt);
        Assert.Null(state.InFlightPhase);
    }

    [Fact]
    public void Apply_FailureThenRevert_KeepsTheErrorAndCountsRevertedPhases()
    {
        var error = TaskError.Of("E", "boom");
        var state = Replay(
            new TaskAccepted("t", "x", "{}", "x@1", T0),
            new PhaseStarted("t", 0, "a", 1, T0),
            new PhaseCompleted("t", 0, "a", null, T0),
            new PhaseStarted("t", 1, "b", 1, T0),
            new PhaseAttemptFailed("t", 1, "b", 1, error, null, T0),
            new RevertStarted("t", RevertReason.Failed, error, T0),
            new PhaseReverted("t", 0, T0),
            new TaskReverted("t", T0));

        Assert.Equal(TaskLifecycleState.Reverted, state.State);
        Assert.Equal(error, state.Error);
        Assert.Equal([PhaseLifecycleState.Reverted, PhaseLifecycleState.Failed], state.Phases.Select(p => p.State));
        Assert.Equal([0], state.CompletedPhases.Select(p => p.Index));
        Assert.Equal(1, state.InFlightPhase!.Index);
    }

    [Fact]
    public void Apply_CancelledAndRevertedByTheTypesOwnRevert_LeavesNoPhaseRunningOrCompleted()
    {
        // A task type's own revert records no PhaseReverted: the phase in flight used to read Running in a Reverted task.
        var state = Replay(
            new TaskAccepted("t", "x", "{}", "x@1", T0),
            new PhaseStarted("t", 0, "a", 1, T0),
            new PhaseCompleted("t", 0, "a", null, T0),
            new PhaseStarted("t", 1, "b", 1, T0),
            new RevertStarted("t", RevertReason.Cancelled, null, T0),
            new TaskReverted("t", T0));

        Assert.Equal(TaskLifecycleState.Reverted, state.State);
        Assert.Equal([PhaseLifecycleState.Reverted, PhaseLifecycleState.Reverted], state.Phases.Select(p => p.State));
        Assert.Equal([0], state.CompletedPhases.Select(p => p.Index));
    }

    [Fact]
    public void Apply_RevertFailedThenRetried_ClearsTheRevertErrorButNotTheCause()
    {
        var cause = TaskError.Of("E", "cause");
        var state = Replay(
            new TaskAccepted("t", "x", "{}", "x@1", T0),
            new RevertStarted("t", RevertReason.Failed, cause, T0),
            new RevertFailed("t", TaskError.Of("E", "undo broke"), 0, T0));
        Assert.Equal(TaskLifecycleState.RevertFailed, state.State);
        Assert.Equal("undo broke", state.RevertError!.Message);
        Assert.Equal(cause, state.Error);

        // A retried revert that names no error of its own keeps the failure that caused the revert.
        state = state.Apply(new RevertStarted("t", RevertReason.Failed, null, T0.AddSeconds(1)));

        Assert.Equal(TaskLifecycleState.Reverting, state.State);
        Assert.Null(state.RevertError);
        Assert.Equal(cause, state.Error);
        Assert.Equal(RevertReason.Failed, state.RevertReason);
        Assert.Equal(T0.AddSeconds(1), state.RevertStartedAt);
    }

    [Fact]
    public void Apply_EventForAPhaseThatNeverStarted_Throws()
    {
        var state = Replay(new TaskAccepted("t", "x", "{}", "x@1", T0));

        var error = Assert.Throws<ArgumentException>(() => state.Apply(new PhaseCompleted("t", 3, "d", null, T0)));

        Assert.Contains("phase 3", error.Message, StringComparison.Ordinal);
    }

    private static TaskState Replay(params ITaskEvent[] events) => events.Aggregate(TaskState.Empty, (s, e) => s.Apply(e));
}
