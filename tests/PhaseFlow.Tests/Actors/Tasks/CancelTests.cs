using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>A cancel in every state a task can be in when it arrives.</summary>
public sealed class CancelTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    [Fact]
    public async Task Cancel_DuringARetryWait_RevertsAtOnceAndTheNextAttemptNeverRuns()
    {
        var script = new Script(Runs, phases: 3)
        {
            Failure = (i, attempt) => i == 1 && attempt == 1 ? new IOException("flaky") : null,
            Retry = RetryPolicy.Exponential(3, TimeSpan.FromMinutes(10)),
        };
        await using var node = TaskNode.Start(Database);
        await node.Submit("retry-wait", ScriptedTask.Name, script.InputJson);
        await AwaitAssertAsync(async () => Assert.NotNull((await node.Status("retry-wait")).Phases[1].RetryAt), Patience, TimeSpan.FromMilliseconds(25));

        Assert.IsType<CommandAccepted>(await node.Cancel("retry-wait"));
        var status = await WaitForState(node, "retry-wait", TaskLifecycleState.Reverted);

        Assert.Equal(1, Runs.Count("run 1"));
        Assert.Equal(1, status.Phases[1].Attempts);
        Assert.Equal(["undo 1", "undo 0"], Runs.Lines().Where(l => l.StartsWith("undo ", StringComparison.Ordinal)));
        Assert.Contains((1, false), script.UndoCompleted);
        Assert.Equal(RevertReason.Cancelled, status.Revert!.Reason);
    }

    [Fact]
    public async Task Cancel_TwiceWhileAPhaseRuns_IsAcceptedTwiceAndRecordedOnce()
    {
        var script = new Script(Runs, phases: 2) { IgnoresToken = (i, _) => i == 0 };
        var gate = script.Close(GatePoint.AfterEffect, 0);
        await using var node = TaskNode.Start(Database);
        await node.Submit("twice", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);

        var first = await node.Cancel("twice");
        var second = await node.Cancel("twice");
        gate.Release();
        await WaitForState(node, "twice", TaskLifecycleState.Reverted);

        Assert.Equal(new CommandAccepted("twice", TaskLifecycleState.Running), first);
        Assert.Equal(new CommandAccepted("twice", TaskLifecycleState.Running), second);
        Assert.Single(Database.JournalOf("task-twice"), r => r.Manifest == "E-CR");
        Assert.Single(Database.JournalOf("task-twice"), r => r.Manifest == "E-RS");
    }

    [Fact]
    public async Task Cancel_WhileReverting_IsAcceptedAfterACancelAndRefusedAfterAFailure()
    {
        var cancelled = new Script(Runs, phases: 2);
        var failed = new Script(Runs, phases: 2) { Failure = (i, _) => i == 1 ? new IOException("boom") : null };
        var cancelledUndo = cancelled.Close(GatePoint.Undo, 0);
        var failedUndo = failed.Close(GatePoint.Undo, 1);
        var running = cancelled.Close(GatePoint.AfterEffect, 1);
        await using var node = TaskNode.Start(Database);
        await node.Submit("by-cancel", ScriptedTask.Name, cancelled.InputJson);
        await node.Submit("by-failure", ScriptedTask.Name, failed.InputJson);
        await running.Reached.WaitAsync(Patience);
        await node.Cancel("by-cancel");
        await cancelledUndo.Reached.WaitAsync(Patience);
        await failedUndo.Reached.WaitAsync(Patience);

        var again = await node.Cancel("by-cancel");
        var refused = Assert.IsType<CommandRejected>(await node.Cancel("by-failure"));
        cancelledUndo.Release();
        failedUndo.Release();

        Assert.Equal(new CommandAccepted("by-cancel", TaskLifecycleState.Reverting), again);
        Assert.Equal(RejectionCode.InvalidState, refused.Code);
        Assert.Equal("Task 'by-failure' is already reverting after a failure.", refused.Message);
        await WaitForState(node, "by-cancel", TaskLifecycleState.Reverted);
        await WaitForState(node, "by-failure", TaskLifecycleState.Reverted);
        Assert.Single(Database.JournalOf("task-by-cancel"), r => r.Manifest == "E-RS");
    }

    [Fact]
    public async Task Crash_AfterTheCancelIsStoredBeforeTheRevertStarts_RecoveryRevertsWithoutRunningThePhaseAgain()
    {
        var script = new Script(Runs, phases: 3) { IgnoresToken = (i, _) => i == 1 };
        var gate = script.Close(GatePoint.AfterEffect, 1);
        var node = TaskNode.Start(Database);
        await node.Submit("cancel-crash", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);

        // The body ignores its token, so the revert waits for it; the node dies in that wait.
        Assert.IsType<CommandAccepted>(await node.Cancel("cancel-crash"));
        await node.Abort();
        script.OpenAll();
        Assert.Equal(["E-TA", "E-PS", "E-PC", "E-PS", "E-CR"], Database.JournalOf("task-cancel-crash").Select(r => r.Manifest));

        await using var restarted = TaskNode.Start(Database);
        var status = await WaitForState(restarted, "cancel-crash", TaskLifecycleState.Reverted);

        Assert.Equal(1, Runs.Count("run 1"));
        Assert.Equal(0, Runs.Count("run 2"));
        Assert.Equal(["undo 1", "undo 0"], Runs.Lines().Where(l => l.StartsWith("undo ", StringComparison.Ordinal)));
        Assert.Equal(RevertReason.Cancelled, status.Revert!.Reason);
        Assert.Single(Database.JournalOf("task-cancel-crash"), r => r.Manifest == "E-RS");
    }

    [Fact]
    public async Task RetryRevert_UnknownTask_IsNotFoundAndStoresNothing()
    {
        await using var node = TaskNode.Start(Database);

        var rejected = Assert.IsType<CommandRejected>(await node.RetryRevert("ghost"));

        // An actor asked about an id nothing was submitted under stops right after answering.
        node.Forget("ghost");
        var resume = Assert.IsType<CommandRejected>(await node.Resume("ghost"));

        Assert.Equal(RejectionCode.NotFound, rejected.Code);
        Assert.Equal(RejectionCode.NotFound, resume.Code);
        Assert.Empty(Database.JournalOf("task-ghost"));
    }
}
