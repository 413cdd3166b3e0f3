using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

public sealed class TaskActorTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    [Fact]
    public async Task Submit_FivePhases_RunsEachOnceInOrderAndSucceeds()
    {
        var script = new Script(Runs, phases: 5);
        await using var node = TaskNode.Start(Database);

        var reply = await node.Submit("t1", ScriptedTask.Name, script.InputJson);

        // The acceptance and the first phase's start are one write: the task is already running when the reply comes.
        Assert.Equal(new TaskSubmitted("t1", TaskLifecycleState.Running, Created: true), reply);
        var status = await WaitForState(node, "t1", TaskLifecycleState.Succeeded);
        Assert.Equal(["run 0", "run 1", "run 2", "run 3", "run 4", "plan closed"], Runs.Lines().Where(l => !l.StartsWith("return ", StringComparison.Ordinal)));
        Assert.All(status.Phases, p => Assert.Equal(PhaseLifecycleState.Completed, p.State));
        Assert.Equal(["\"out-0\"", "\"out-1\"", "\"out-2\"", "\"out-3\"", "\"out-4\""], status.Phases.Select(p => p.OutputJson));
        Assert.Null(status.CurrentPhase);
    }

    [Fact]
    public async Task Submit_SameIdSameContent_IsTheSameTask()
    {
        var script = new Script(Runs, phases: 1);
        await using var node = TaskNode.Start(Database);
        await node.Submit("same", ScriptedTask.Name, script.InputJson);
        await WaitForState(node, "same", TaskLifecycleState.Succeeded);

        // Whitespace and property layout differ; the canonical input is the same.
        var again = await node.Submit("same", ScriptedTask.Name, $$"""  { "script" : "{{script.Id}}" }  """);

        Assert.Equal(new TaskSubmitted("same", TaskLifecycleState.Succeeded, Created: false), again);
        Assert.Equal(1, Runs.Count("run 0"));
    }

    [Fact]
    public async Task Submit_SameIdDifferentInput_IsAConflictAndChangesNothing()
    {
        var script = new Script(Runs, phases: 1);
        var other = new Script(Runs, phases: 1);
        await using var node = TaskNode.Start(Database);
        await node.Submit("c1", ScriptedTask.Name, script.InputJson);
        await WaitForState(node, "c1", TaskLifecycleState.Succeeded);

        var conflict = Assert.IsType<CommandRejected>(await node.Submit("c1", ScriptedTask.Name, other.InputJson));
        var typeConflict = Assert.IsType<CommandRejected>(await node.Submit("c1", ScriptedCustomRevertTask.Name, script.InputJson));

        Assert.Equal(RejectionCode.Conflict, conflict.Code);
        Assert.Contains("different input", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(RejectionCode.Conflict, typeConflict.Code);
        Assert.Contains("different type", typeConflict.Message, StringComparison.Ordinal);
        Assert.Equal(script.InputJson, (await node.Status("c1")).InputJson);
    }

    [Fact]
    public async Task Submit_UnknownType_IsRejectedListingKnownTypes()
    {
        await using var node = TaskNode.Start(Database);

        var rejected = Assert.IsType<CommandRejected>(await node.Submit("u1", "nope", "{}"));

        Assert.Equal(RejectionCode.UnknownType, rejected.Code);
        Assert.Equal("Unknown task type 'nope'. Known types: mkdir, scripted, scripted-custom-revert.", rejected.Message);
        Assert.Empty(Database.JournalOf("task-u1"));
    }

    [Theory]
    [InlineData("{", "does not bind")]
    [InlineData("{\"script\": 5}", "input.script must be a string; it is 5")]
    [InlineData("{\"script\": \"x\", \"extra\": 1}", "extra")]
    [InlineData("{\"path\": \"relative/dir\"}", "must be absolute")]
    [InlineData("null", "not null")]
    public async Task Submit_InvalidInput_IsRejectedAndNothingIsStored(string input, string expected)
    {
        await using var node = TaskNode.Start(Database);
        var type = input.Contains("path", StringComparison.Ordinal) ? "mkdir" : ScriptedTask.Name;

        var rejected = Assert.IsType<CommandRejected>(await node.Submit("bad", type, input));

        Assert.Equal(RejectionCode.InvalidInput, rejected.Code);
        Assert.Contains(expected, rejected.Message, StringComparison.Ordinal);
        Assert.Empty(Database.JournalOf("task-bad"));
    }

    [Fact]
    public async Task Submit_InvalidTaskId_IsRejected()
    {
        await using var node = TaskNode.Start(Database);

        var rejected = Assert.IsType<CommandRejected>(await node.Submit("has space", ScriptedTask.Name, "{}"));

        Assert.Equal(RejectionCode.InvalidInput, rejected.Code);
        Assert.Equal("Task id 'has space' is invalid: use 1 to 200 characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'.", rejected.Message);
        Assert.Empty(Database.JournalOf("task-has space"));
    }

    [Fact]
    public async Task Client_InvalidTaskId_IsRejectedBeforeAnythingIsSent()
    {
        var client = new PhaseFlow.Actors.Client.PhaseFlowClient(TestActor, TimeSpan.FromSeconds(5));

        var rejected = Assert.IsType<CommandRejected>(await client.SubmitAsync(new SubmitTask(new string('x', 201), ScriptedTask.Name, "{}")));

        Assert.Equal(RejectionCode.InvalidInput, rejected.Code);
        Assert.Null(await client.GetStatusAsync("a/b"));
        await ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Failure_AtPhaseK_RevertSeesCompletedPhasesAndTheInFlightOne()
    {
        var script = new Script(Runs, phases: 5) { Failure = (i, _) => i == 3 ? new InvalidOperationException("disk full") : null };
        await using var node = TaskNode.Start(Database);

        await node.Submit("k", ScriptedCustomRevertTask.Name, script.InputJson);
        var status = await WaitForState(node, "k", TaskLifecycleState.Reverted);

        var revert = script.CapturedRevert!;
        Assert.Equal([0, 1, 2], revert.CompletedPhases.Select(p => p.Index));
        Assert.Equal(["phase-0", "phase-1", "phase-2"], revert.CompletedPhases.Select(p => p.Name));
        Assert.Equal("out-1", revert.CompletedPhases[1].OutputAs<string>());
        Assert.Equal(3, revert.InFlight!.Index);
        Assert.Equal("disk full", revert.InFlight.Error!.Message);
        Assert.Equal(RevertReason.Failed, revert.Reason);
        Assert.Equal("disk full", revert.Error!.Message);
        Assert.Equal(typeof(InvalidOperationException).FullName, status.Error!.Type);
        Assert.Equal("disk full", status.Error.Message);
        Assert.Equal(PhaseLifecycleState.Failed, status.Phases[3].State);
        Assert.Equal(4, status.Phases.Count);
    }

    [Fact]
    public async Task Failure_AtPhaseK_DefaultRevertUndoesTheFailedPhaseThenCompletedPhasesInReverseOrder()
    {
        var script = new Script(Runs, phases: 5) { Failure = (i, _) => i == 3 ? new InvalidOperationException("boom") : null };
        await using var node = TaskNode.Start(Database);

        await node.Submit("rev", ScriptedTask.Name, script.InputJson);
        var status = await WaitForState(node, "rev", TaskLifecycleState.Reverted);

        // The failed phase may have half-run, so its undo runs first (told the phase did not complete).
        Assert.Equal(["undo 3", "undo 2", "undo 1", "undo 0"], Runs.Lines().Where(l => l.StartsWith("undo ", StringComparison.Ordinal)));
        Assert.Equal(["completed=False"], script.UndoCompleted.Where(u => u.Index == 3).Select(u => $"completed={u.Completed}"));
        Assert.All(script.UndoCompleted.Where(u => u.Index < 3), u => Assert.True(u.Completed));
        Assert.All(status.Phases, p => Assert.Equal(PhaseLifecycleState.Reverted, p.State));
        Assert.Equal("boom", status.Error!.Message);
        Assert.Equal(new PhaseFlow.Contracts.Queries.RevertStatusView(RevertReason.Failed, 4, 4, status.Revert!.StartedAt, null), status.Revert);
    }

    [Fact]
    public async Task Retry_FailsTwiceUnderThreeAttempts_SucceedsWithThreeAttemptsRecorded()
    {
        var script = new Script(Runs, phases: 2)
        {
            Failure = (i, attempt) => i == 1 && attempt <= 2 ? new TimeoutException($"flaky {attempt}") : null,
            Retry = PhaseFlow.Contracts.Authoring.RetryPolicy.Exponential(3, TimeSpan.FromMilliseconds(20)),
        };
        await using var node = TaskNode.Start(Database);

        await node.Submit("retry", ScriptedTask.Name, script.InputJson);
        var status = await WaitForState(node, "retry", TaskLifecycleState.Succeeded);

        Assert.Equal(3, status.Phases[1].Attempts);
        Assert.Equal(1, status.Phases[0].Attempts);
        Assert.Equal(3, Runs.Count("run 1"));
        Assert.Equal(2, Database.JournalOf("task-retry").Count(r => r.Manifest == "E-PAF"));
    }

    [Fact]
    public async Task Retry_Exhausted_RevertsWithTheLastError()
    {
        var script = new Script(Runs, phases: 3)
        {
            Failure = (i, attempt) => i == 1 ? new TimeoutException($"flaky {attempt}") : null,
            Retry = PhaseFlow.Contracts.Authoring.RetryPolicy.Exponential(3, TimeSpan.FromMilliseconds(10)),
        };
        await using var node = TaskNode.Start(Database);

        await node.Submit("exhaust", ScriptedTask.Name, script.InputJson);
        var status = await WaitForState(node, "exhaust", TaskLifecycleState.Reverted);

        Assert.Equal(3, status.Phases[1].Attempts);
        Assert.Equal("flaky 3", status.Error!.Message);
        Assert.Equal(3, Runs.Count("run 1"));
        Assert.Equal(1, Runs.Count("undo 0"));
        Assert.Equal(0, Runs.Count("run 2"));
    }

    [Fact]
    public async Task Plan_FailsBetweenPhases_FinallyBlockOfThePlanRuns()
    {
        var script = new Script(Runs, phases: 4) { Failure = (i, _) => i == 1 ? new InvalidOperationException("stop") : null };
        await using var node = TaskNode.Start(Database);

        await node.Submit("fin", ScriptedTask.Name, script.InputJson);
        await WaitForState(node, "fin", TaskLifecycleState.Reverted);

        var lines = Runs.Lines();
        Assert.Contains("plan closed", lines);
        // The plan is closed when the failure turns into a revert, before any undo runs.
        Assert.True(lines.ToList().IndexOf("plan closed") < lines.ToList().IndexOf("undo 0"), string.Join(" | ", lines));
    }

    [Fact]
    public async Task Cancel_WhileRunning_SignalsThePhaseAndRevertsCompletedPhases()
    {
        var script = new Script(Runs, phases: 4);
        var gate = script.Close(GatePoint.AfterEffect, 2);
        await using var node = TaskNode.Start(Database);
        await node.Submit("cancel", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);

        var reply = await node.Cancel("cancel");
        var status = await WaitForState(node, "cancel", TaskLifecycleState.Reverted);

        Assert.IsType<CommandAccepted>(reply);
        Assert.Equal(RevertReason.Cancelled, status.Revert!.Reason);
        Assert.Null(status.Error);
        Assert.Equal(["undo 2", "undo 1", "undo 0"], Runs.Lines().Where(l => l.StartsWith("undo ", StringComparison.Ordinal)));
        Assert.Equal(0, Runs.Count("run 3"));
        Assert.Equal("Cancelled", status.Phases[2].Error!.Type);
        Assert.Equal(PhaseLifecycleState.Reverted, status.Phases[2].State);
        Assert.Contains(Database.JournalOf("task-cancel"), r => r.Manifest == "E-CR");
    }

    [Fact]
    public async Task Cancel_AfterFinishing_IsRejectedWithAReason()
    {
        var script = new Script(Runs, phases: 1);
        await using var node = TaskNode.Start(Database);
        await node.Submit("done", ScriptedTask.Name, script.InputJson);
        await WaitForState(node, "done", TaskLifecycleState.Succeeded);
        var before = Database.JournalOf("task-done").Count;

        var rejected = Assert.IsType<CommandRejected>(await node.Cancel("done"));

        Assert.Equal(RejectionCode.InvalidState, rejected.Code);
        Assert.Equal("Task 'done' already finished (Succeeded); only a pending, running or suspended task can be cancelled.", rejected.Message);
        Assert.Equal(before, Database.JournalOf("task-done").Count);
    }

    [Fact]
    public async Task Cancel_UnknownTask_IsNotFound()
    {
        await using var node = TaskNode.Start(Database);

        var rejected = Assert.IsType<CommandRejected>(await node.Cancel("ghost"));

        Assert.Equal(RejectionCode.NotFound, rejected.Code);
    }

    [Fact]
    public async Task RevertFailure_EndsInRevertFailed_AndRetryRevertFinishesWithoutRepeatingUndos()
    {
        var failUndo = true;
        var script = new Script(Runs, phases: 4)
        {
            Failure = (i, _) => i == 3 ? new InvalidOperationException("boom") : null,
            UndoFailure = i => i == 1 && failUndo ? new IOException("device busy") : null,
        };
        await using var node = TaskNode.Start(Database);
        await node.Submit("rf", ScriptedTask.Name, script.InputJson);
        var failed = await WaitForState(node, "rf", TaskLifecycleState.RevertFailed);
        Assert.Equal("device busy", failed.Revert!.Error!.Message);
        Assert.Equal("boom", failed.Error!.Message);
        Assert.Equal(RejectionCode.InvalidState, Assert.IsType<CommandRejected>(await node.Cancel("rf")).Code);

        failUndo = false;
        Assert.IsType<CommandAccepted>(await node.RetryRevert("rf"));
        var status = await WaitForState(node, "rf", TaskLifecycleState.Reverted);

        Assert.Equal(1, Runs.Count("undo 2"));
        Assert.Equal(1, Runs.Count("undo 1"));
        Assert.Equal(1, Runs.Count("undo 0"));
        Assert.Equal("boom", status.Error!.Message);
        Assert.Equal(RejectionCode.InvalidState, Assert.IsType<CommandRejected>(await node.RetryRevert("rf")).Code);
    }

    [Fact]
    public async Task Progress_ReportedByAPhase_ShowsInTheStatusUntilThePhaseEnds()
    {
        var script = new Script(Runs, phases: 2) { Progress = i => i == 0 ? new PhaseFlow.Contracts.Authoring.PhaseProgress(0.5, "half way") : null };
        var gate = script.Close(GatePoint.AfterEffect, 0);
        await using var node = TaskNode.Start(Database);
        await node.Submit("p", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);

        // Progress is a message to the actor, so it may land just after the body reached the gate.
        PhaseFlow.Contracts.Queries.TaskStatusView? running = null;
        await AwaitAssertAsync(
            async () =>
            {
                running = await node.Status("p");
                Assert.Equal(new PhaseFlow.Contracts.Authoring.PhaseProgress(0.5, "half way"), running.Phases[0].Progress);
            },
            Patience,
            TimeSpan.FromMilliseconds(25));
        gate.Release();
        var done = await WaitForState(node, "p", TaskLifecycleState.Succeeded);

        Assert.Equal(0, running!.CurrentPhase);
        Assert.Equal(PhaseLifecycleState.Running, running.Phases[0].State);
        Assert.All(done.Phases, p => Assert.Null(p.Progress));
    }

}
