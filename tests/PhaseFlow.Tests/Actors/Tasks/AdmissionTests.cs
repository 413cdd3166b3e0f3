using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>The node's limit on running tasks: new submissions wait, recovered tasks never do.</summary>
public sealed class AdmissionTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    [Fact]
    public async Task Submit_NodeFull_IsRefusedAsOverloadedAndStoresNothing_RecoveredTasksRunEvenOverTheLimit()
    {
        var script = new Script(Runs, phases: 2);
        var gate = script.Close(GatePoint.AfterEffect, 0);
        var first = TaskNode.Start(Database, admission: new TaskAdmission(2));
        await first.Submit("a", ScriptedTask.Name, script.InputJson);
        await first.Submit("b", ScriptedTask.Name, script.InputJson);
        await AwaitAssertAsync(() => Assert.Equal(2, Runs.Count("run 0")), Patience);
        await first.Abort();

        // Restarted with room for one task only: both running tasks recover and go on.
        var admission = new TaskAdmission(1);
        await using var node = TaskNode.Start(Database, admission: admission);
        Assert.Equal(TaskLifecycleState.Running, (await node.Status("a")).State);
        Assert.Equal(TaskLifecycleState.Running, (await node.Status("b")).State);
        Assert.Equal(2, admission.Running);

        var refused = Assert.IsType<CommandRejected>(await node.Submit("c", ScriptedTask.Name, script.InputJson));
        Assert.Equal(RejectionCode.Overloaded, refused.Code);
        Assert.StartsWith("This node already runs 1 tasks, as many as it may (MaxRunningTasks); nothing was stored.", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Database.JournalOf("task-c"));

        gate.Release();
        await WaitForState(node, "a", TaskLifecycleState.Succeeded);
        await WaitForState(node, "b", TaskLifecycleState.Succeeded);
        await AwaitAssertAsync(() => Assert.Equal(0, admission.Running), Patience);

        // The refused submission's actor stopped right after answering (it has nothing to keep).
        node.Forget("c");
        Assert.IsType<TaskSubmitted>(await node.Submit("c", ScriptedTask.Name, script.InputJson));
        await WaitForState(node, "c", TaskLifecycleState.Succeeded);
        Assert.Equal(0, admission.Running);
    }
}
