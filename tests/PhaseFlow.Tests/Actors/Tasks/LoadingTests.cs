using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Host.Tasks;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>A task recovered on a node where its type is missing, or no longer accepts its stored input.</summary>
public sealed class LoadingTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    private static readonly TaskTypeRegistry WithoutScripted = new TaskTypeRegistry().Register(new MkdirTask());

    [Fact]
    public async Task Recovery_TypeNotRegistered_RunsNothingSaysWhyAndTheRevertWaitsForTheType()
    {
        var script = new Script(Runs, phases: 3);
        await CrashInPhase("no-type", script, phase: 1);

        var lacking = TaskNode.Start(Database, WithoutScripted);
        var blocked = await lacking.Status("no-type");
        Assert.Equal(TaskLifecycleState.Running, blocked.State);
        Assert.StartsWith("Unknown task type 'scripted'. Known types: mkdir. The task waits here without running", blocked.Problem!.Message, StringComparison.Ordinal);
        Assert.IsType<CommandAccepted>(await lacking.Cancel("no-type"));
        var failed = await WaitForState(lacking, "no-type", TaskLifecycleState.RevertFailed);
        Assert.Equal("TaskTypeUnavailable", failed.Revert!.Error!.Type);
        Assert.Contains("The revert needs the task type to undo phase 2", failed.Revert.Error.Message, StringComparison.Ordinal);
        await lacking.DisposeAsync();
        Assert.Equal(1, Runs.Count("run 1"));

        // The type is deployed again: the operator retries the revert, which now runs every undo.
        await using var restored = TaskNode.Start(Database);
        Assert.IsType<CommandAccepted>(await restored.RetryRevert("no-type"));
        var reverted = await WaitForState(restored, "no-type", TaskLifecycleState.Reverted);

        Assert.Equal(["undo 1", "undo 0"], Runs.Lines().Where(l => l.StartsWith("undo ", StringComparison.Ordinal)));
        Assert.Null(reverted.Problem);
    }

    [Fact]
    public async Task Recovery_StoredInputNoLongerBinds_RunsNothingSaysWhyAndGoesOnOnceItBindsAgain()
    {
        var script = new Script(Runs, phases: 3);
        await CrashInPhase("no-bind", script, phase: 1);
        script.ValidateThrows = true;

        var strict = TaskNode.Start(Database);
        var blocked = await strict.Status("no-bind");
        await strict.DisposeAsync();

        Assert.Contains("The stored input no longer binds to task type 'scripted' as deployed here (InvalidOperationException: validate bug)", blocked.Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(1, Runs.Count("run 1"));

        script.ValidateThrows = false;
        await using var relaxed = TaskNode.Start(Database);
        await WaitForState(relaxed, "no-bind", TaskLifecycleState.Succeeded);
        Assert.Equal([1, 2, 1], Enumerable.Range(0, 3).Select(i => Runs.Count($"run {i}")));
    }

    [Fact]
    public async Task Cancel_PendingTaskWhoseTypeIsMissing_RevertsWithNothingToUndo()
    {
        // A journal an earlier version wrote: the task was accepted, and nothing else happened before the node died.
        await using (var writer = TaskNode.Start(Database))
        {
            await EventWriter.WriteAsync(writer.System, "pending", new TaskAccepted("pending", "gone", "{}", "gone@1", DateTimeOffset.UtcNow));
        }

        await using var node = TaskNode.Start(Database, WithoutScripted);
        var pending = await node.Status("pending");
        Assert.Equal(TaskLifecycleState.Pending, pending.State);
        Assert.Contains("Unknown task type 'gone'", pending.Problem!.Message, StringComparison.Ordinal);

        Assert.Equal(new CommandAccepted("pending", TaskLifecycleState.Reverted), await node.Cancel("pending"));
        Assert.Equal(["E-TA", "E-RS", "E-TR"], Database.JournalOf("task-pending").Select(r => r.Manifest));
    }

    private async Task CrashInPhase(string taskId, Script script, int phase)
    {
        var gate = script.Close(GatePoint.AfterEffect, phase);
        var node = TaskNode.Start(Database);
        await node.Submit(taskId, ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);
        await node.Abort();
        script.OpenAll();
    }
}
