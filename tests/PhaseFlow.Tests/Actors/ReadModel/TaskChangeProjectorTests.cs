using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;
using Xunit;

namespace PhaseFlow.Tests.Actors.ReadModel;

/// <summary>What a watcher sees of a parent's journal: the children a phase starts, and each one that finishes.</summary>
public sealed class TaskChangeProjectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Next_PhaseStartingChildren_CarriesWhatItWaitsFor()
    {
        var projector = new TaskChangeProjector();
        var wait = new PhaseWaitRecord(PhaseWaitKind.Children, null, null, ["p:1.1.1", "p:1.1.2"]);

        var changes = projector.Next(2, new PhaseStarted("p", 0, "children", 1, T0, Wait: wait));

        Assert.Equal(wait, changes[0].Waiting);
        Assert.Equal((TaskChangeKinds.Phase, 0, PhaseLifecycleState.Running), (changes[0].Kind, changes[0].PhaseIndex!.Value, changes[0].PhaseState!.Value));
    }

    [Fact]
    public void Next_AwaitedTaskSettled_IsAnAwaitedChangeNamingTheTaskItsStateAndThePhase()
    {
        var projector = new TaskChangeProjector();
        projector.Next(2, new PhaseStarted("p", 0, "children", 1, T0));
        var error = new TaskError("System.InvalidOperationException", "refused", null);

        var succeeded = Assert.Single(projector.Next(3, new AwaitedTaskSettled("p", 0, 1, "p:1.1.1", TaskLifecycleState.Succeeded, "42", null, T0.AddSeconds(1))));
        var refused = Assert.Single(projector.Next(4, new AwaitedTaskSettled("p", 0, 1, "p:1.1.2", null, null, error, T0.AddSeconds(2))));

        Assert.Equal(
            new TaskChange(3, TaskChangeKinds.Awaited, null, 0, "children", null, 1, null, T0.AddSeconds(1), AwaitedTaskId: "p:1.1.1", AwaitedState: TaskLifecycleState.Succeeded),
            succeeded);
        Assert.Equal(("p:1.1.2", (TaskLifecycleState?)null, "refused"), (refused.AwaitedTaskId, refused.AwaitedState, refused.Error!.Message));
        Assert.False(TaskChangeProjector.Ends(succeeded));
    }
}
