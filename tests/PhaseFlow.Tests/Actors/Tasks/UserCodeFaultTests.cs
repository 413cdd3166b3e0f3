using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>
/// The task's own code misbehaves — throws anywhere, ignores its token, times out, returns what cannot be stored — and
/// the task still ends in a defined state with the exception's type and message in its status: never falsely
/// Succeeded, never stuck, and no effect of an attempt lands after the task reported a final state.
/// </summary>
public sealed class UserCodeFaultTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 2)]
    [InlineData(4, 4)]
    public async Task Plan_Throws_RevertsWhatCompletedAndShowsTheError(int throwsAt, int completed)
    {
        var script = new Script(Runs, phases: 4) { PlanThrowsAt = throwsAt };
        await using var node = TaskNode.Start(Database);

        await node.Submit("plan-bug", ScriptedTask.Name, script.InputJson);
        var status = await WaitForState(node, "plan-bug", TaskLifecycleState.Reverted);

        Assert.Equal(typeof(NullReferenceException).FullName, status.Error!.Type);
        Assert.Equal($"plan bug at {throwsAt}", status.Error.Message);
        Assert.Equal(completed, status.Phases.Count);
        Assert.Equal([.. Enumerable.Range(0, completed).Reverse().Select(i => $"undo {i}")], Undos());
        Assert.DoesNotContain(Database.JournalOf("task-plan-bug"), r => r.Manifest == "E-TS");
    }

    [Fact]
    public async Task Plan_FinallyThrowsWhenThePlanEnds_RevertsInsteadOfSucceeding()
    {
        var script = new Script(Runs, phases: 2) { FinallyThrows = true };
        await using var node = TaskNode.Start(Database);

        await node.Submit("finally-bug", ScriptedTask.Name, script.InputJson);
        var status = await WaitForState(node, "finally-bug", TaskLifecycleState.Reverted);

        Assert.Equal("finally bug", status.Error!.Message);
        Assert.Equal(["undo 1", "undo 0"], Undos());
    }

    [Fact]
    public async Task Plan_FinallyThrowsWhileClosingAfterACancel_TheCancelStillReverts()
    {
        var script = new Script(Runs, phases: 3) { FinallyThrows = true };
        var gate = script.Close(GatePoint.AfterEffect, 1);
        await using var node = TaskNode.Start(Database);
        await node.Submit("close-bug", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);

        Assert.IsType<CommandAccepted>(await node.Cancel("close-bug"));
        var status = await WaitForState(node, "close-bug", TaskLifecycleState.Reverted);

        Assert.Equal(RevertReason.Cancelled, status.Revert!.Reason);
        Assert.Equal(["undo 1", "undo 0"], Undos());
    }

    [Fact]
    public async Task Validate_Throws_SubmissionIsRejectedAsATaskTypeFaultAndNothingIsStored()
    {
        var script = new Script(Runs, phases: 1) { ValidateThrows = true };
        await using var node = TaskNode.Start(Database);

        var rejected = Assert.IsType<CommandRejected>(await node.Submit("validate-bug", ScriptedTask.Name, script.InputJson));

        Assert.Equal(RejectionCode.TaskTypeFault, rejected.Code);
        Assert.Contains("InvalidOperationException: validate bug", rejected.Message, StringComparison.Ordinal);
        Assert.Empty(Database.JournalOf("task-validate-bug"));
    }

    [Fact]
    public async Task ExpectedPhaseCount_Throws_StatusShowsNoCountAndTheTaskRuns()
    {
        var script = new Script(Runs, phases: 2) { ExpectedCountThrows = true };
        await using var node = TaskNode.Start(Database);

        await node.Submit("count-bug", ScriptedTask.Name, script.InputJson);
        var status = await WaitForState(node, "count-bug", TaskLifecycleState.Succeeded);

        Assert.Null(status.PhaseCount);
    }

    [Fact]
    public async Task RetryFilter_Throws_TheAttemptFailsWithoutRetryAndTheErrorSaysSo()
    {
        var script = new Script(Runs, phases: 3)
        {
            Failure = (i, _) => i == 1 ? new TimeoutException("flaky") : null,
            Retry = RetryPolicy.Exponential(5, TimeSpan.Zero, shouldRetry: _ => throw new InvalidOperationException("filter bug")),
        };
        await using var node = TaskNode.Start(Database);

        await node.Submit("filter-bug", ScriptedTask.Name, script.InputJson);
        var status = await WaitForState(node, "filter-bug", TaskLifecycleState.Reverted);

        Assert.Equal(1, Runs.Count("run 1"));
        Assert.Equal(typeof(InvalidOperationException).FullName, status.Error!.Type);
        Assert.Contains("retry filter (shouldRetry) threw", status.Error.Message, StringComparison.Ordinal);
        Assert.Equal("flaky", status.Error.Inner!.Message);
    }

    [Fact]
    public async Task Output_CannotBeSerialised_TheAttemptFailsAndTheTaskReverts()
    {
        var cyclic = new Dictionary<string, object>();
        cyclic["self"] = cyclic;
        var script = new Script(Runs, phases: 2) { OutputOf = (i, _) => i == 1 ? cyclic : null };
        await using var node = TaskNode.Start(Database);

        await node.Submit("output-bug", ScriptedTask.Name, script.InputJson);
        var status = await WaitForState(node, "output-bug", TaskLifecycleState.Reverted);

        Assert.Contains("Json", status.Error!.Type, StringComparison.Ordinal);
        Assert.Equal(PhaseLifecycleState.Reverted, status.Phases[1].State);
        Assert.Null(status.Phases[1].CompletedAt);
    }

    [Fact]
    public async Task CustomRevert_Throws_EndsInRevertFailedWithItsError()
    {
        var script = new Script(Runs, phases: 2)
        {
            Failure = (i, _) => i == 1 ? new InvalidOperationException("boom") : null,
            UndoFailure = i => i == -1 ? new IOException("revert bug") : null,
        };
        await using var node = TaskNode.Start(Database);

        await node.Submit("revert-bug", ScriptedCustomRevertTask.Name, script.InputJson);
        var status = await WaitForState(node, "revert-bug", TaskLifecycleState.RevertFailed);

        Assert.Equal("revert bug", status.Revert!.Error!.Message);
        Assert.Equal("boom", status.Error!.Message);
    }

    [Fact]
    public async Task Timeout_BodyIgnoresItsToken_NothingElseStartsUntilItReturnsAndTheStatusSaysItIsWaiting()
    {
        var script = new Script(Runs, phases: 2)
        {
            Timeout = i => i == 1 ? TimeSpan.FromMilliseconds(200) : null,
            IgnoresToken = (i, attempt) => i == 1 && attempt == 1,
            Retry = RetryPolicy.Exponential(2, TimeSpan.Zero),
        };
        var gate = script.Close(GatePoint.AfterEffect, 1);
        await using var node = TaskNode.Start(Database);
        await node.Submit("slow-body", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);

        var waiting = await WaitForStopping(node, "slow-body", PhaseStopReason.TimedOut);
        Assert.Equal(1, waiting.CurrentPhase);
        Assert.Equal(1, waiting.Phases[1].Attempts);
        Assert.DoesNotContain(Database.JournalOf("task-slow-body"), r => r.Manifest == "E-PAF");

        // The next attempt starts (and re-closes the gate for itself) only after the ignored token's body returned.
        script.Close(GatePoint.AfterEffect, 1).Release();
        gate.Release();
        var status = await WaitForState(node, "slow-body", TaskLifecycleState.Succeeded);

        Assert.Equal(["run 0", "return 0", "run 1", "return 1", "run 1", "return 1", "plan closed"], Runs.Lines());
        Assert.Equal(2, status.Phases[1].Attempts);
        Assert.Contains(typeof(TimeoutException).FullName!, Assert.Single(Database.JournalOf("task-slow-body"), r => r.Manifest == "E-PAF").Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_BodyIgnoresItsToken_TheRevertWaitsForItAndTheStatusSaysSo()
    {
        var script = new Script(Runs, phases: 3) { IgnoresToken = (i, _) => i == 1 };
        var gate = script.Close(GatePoint.AfterEffect, 1);
        await using var node = TaskNode.Start(Database);
        await node.Submit("stubborn", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);

        Assert.IsType<CommandAccepted>(await node.Cancel("stubborn"));
        var waiting = await WaitForStopping(node, "stubborn", PhaseStopReason.Cancelled);
        Assert.Equal(TaskLifecycleState.Running, waiting.State);
        Assert.DoesNotContain(Runs.Lines(), l => l.StartsWith("undo", StringComparison.Ordinal));

        gate.Release();
        var status = await WaitForState(node, "stubborn", TaskLifecycleState.Reverted);

        // The body ignored the cancel and completed, so its phase completed and is undone like the others.
        var lines = Runs.Lines().ToList();
        Assert.True(lines.IndexOf("return 1") < lines.IndexOf("undo-start 1"), string.Join(" | ", lines));
        Assert.Equal(["undo 1", "undo 0"], Undos());
        Assert.Equal(0, Runs.Count("run 2"));
        Assert.Equal(RevertReason.Cancelled, status.Revert!.Reason);
    }

    [Fact]
    public async Task Crash_WhileAPhaseRunsThreeTimesInARow_TheAttemptFailsInsteadOfRunningForever()
    {
        var script = new Script(Runs, phases: 2);
        var first = TaskNode.Start(Database);
        var gate = script.Close(GatePoint.BeforeEffect, 1);
        await first.Submit("crash-loop", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);
        await first.Abort();

        // The phase takes the node down every time it runs (here: the node is aborted while it runs).
        for (var restart = 1; restart < 3; restart++)
        {
            var again = script.Close(GatePoint.BeforeEffect, 1);
            var node = TaskNode.Start(Database);
            node.Task("crash-loop");
            await again.Reached.WaitAsync(Patience);
            await node.Abort();
        }

        script.OpenAll();
        await using var last = TaskNode.Start(Database);
        var status = await WaitForState(last, "crash-loop", TaskLifecycleState.Reverted);

        Assert.Equal("PhaseInterrupted", status.Phases[1].Error!.Type);
        Assert.Contains("interrupted 3 times in a row", status.Error!.Message, StringComparison.Ordinal);
        Assert.Equal([0, 1, 2], Interruptions("task-crash-loop", index: 1));
        Assert.Equal(["undo 1", "undo 0"], Undos());
    }

    [Fact]
    public async Task Crash_AfterACancelWhileAPhaseRan_TheRevertAlsoUndoesTheInterruptedPhase()
    {
        // Phase 2 ignores its token, so the cancel is recorded while its body still runs; then the node dies.
        var script = new Script(Runs, phases: 4) { IgnoresToken = (i, _) => i == 2 };
        var gate = script.Close(GatePoint.AfterEffect, 2);
        var first = TaskNode.Start(Database);
        await first.Submit("cancel-crash", ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);
        Assert.IsType<CommandAccepted>(await first.Cancel("cancel-crash"));
        await first.Abort();
        gate.Release();
        Assert.Contains(Database.JournalOf("task-cancel-crash"), r => r.Manifest == "E-CR");

        script.OpenAll();
        await using var second = TaskNode.Start(Database);
        var status = await WaitForState(second, "cancel-crash", TaskLifecycleState.Reverted);

        Assert.Equal(["undo 2", "undo 1", "undo 0"], Undos());
        Assert.Contains((2, false), script.UndoCompleted);
        Assert.Equal(1, Runs.Count("run 2"));
        Assert.Equal(RevertReason.Cancelled, status.Revert!.Reason);
    }

    [Fact]
    public async Task Resume_AfterTheDefinitionIsRestored_TheSuspendedTaskContinuesWhereItWas()
    {
        var script = new Script(Runs, phases: 3);
        var second = await SuspendByRenaming("resume", script, crashInPhase: 1, renamed: 0);

        var refused = Assert.IsType<CommandRejected>(await second.Resume("resume"));
        Assert.Equal(RejectionCode.InvalidState, refused.Code);
        Assert.Contains("phase 1 was recorded as 'phase-0' but the plan now yields 'phase-0-renamed'", refused.Message, StringComparison.Ordinal);

        // The previous definition is redeployed: a new node recovers the task as it was, Suspended, and resumes it.
        await second.DisposeAsync();
        script.NameOf = i => $"phase-{i}";
        await using var third = TaskNode.Start(Database);
        Assert.Equal(TaskLifecycleState.Suspended, (await third.Status("resume")).State);
        Assert.Equal(new CommandAccepted("resume", TaskLifecycleState.Running), await third.Resume("resume"));
        var status = await WaitForState(third, "resume", TaskLifecycleState.Succeeded);

        Assert.Null(status.Error);
        Assert.Equal([1, 2, 1], Enumerable.Range(0, 3).Select(i => Runs.Count($"run {i}")));
    }

    [Fact]
    public async Task Cancel_SuspendedTaskRecoveredByANewNode_UndoesWhatTheDefinitionStillDeclares()
    {
        var script = new Script(Runs, phases: 4);
        await (await SuspendByRenaming("suspended-cancel", script, crashInPhase: 2, renamed: 2)).DisposeAsync();

        await using var third = TaskNode.Start(Database);
        Assert.IsType<CommandAccepted>(await third.Cancel("suspended-cancel"));
        var status = await WaitForState(third, "suspended-cancel", TaskLifecycleState.Reverted);

        Assert.Equal(["undo 1", "undo 0"], Undos());
        Assert.Equal(PhaseLifecycleState.Reverted, status.Phases[2].State);
        Assert.Contains(Database.JournalOf("task-suspended-cancel"), r => r.Manifest == "E-PR" && r.Json.Contains("undo is unknown", StringComparison.Ordinal));
    }

    /// <summary>Crashes a node while phase <paramref name="crashInPhase"/> runs, renames a phase, and returns the node that recovered the task as Suspended.</summary>
    private async Task<TaskNode> SuspendByRenaming(string taskId, Script script, int crashInPhase, int renamed)
    {
        var gate = script.Close(GatePoint.AfterEffect, crashInPhase);
        var first = TaskNode.Start(Database);
        await first.Submit(taskId, ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);
        await first.Abort();
        script.NameOf = i => i == renamed ? $"phase-{i}-renamed" : $"phase-{i}";
        script.OpenAll();
        var recovered = TaskNode.Start(Database);
        await WaitForState(recovered, taskId, TaskLifecycleState.Suspended);
        return recovered;
    }

    private async Task<TaskStatusView> WaitForStopping(TaskNode node, string taskId, PhaseStopReason reason)
    {
        TaskStatusView? last = null;
        await AwaitAssertAsync(
            async () =>
            {
                last = await node.Status(taskId);
                Assert.Equal(reason, last.Phases.Single(p => p.Stopping is not null).Stopping!.Reason);
            },
            Patience,
            TimeSpan.FromMilliseconds(25));
        return last!;
    }

    private List<string> Undos() => [.. Runs.Lines().Where(l => l.StartsWith("undo ", StringComparison.Ordinal))];

    private List<int> Interruptions(string persistenceId, int index) =>
        [.. Database.JournalOf(persistenceId)
            .Where(r => r.Manifest == "E-PS")
            .Select(r => System.Text.Json.JsonDocument.Parse(r.Json).RootElement)
            .Where(e => e.GetProperty("index").GetInt32() == index)
            .Select(e => e.TryGetProperty("interruptions", out var n) ? n.GetInt32() : 0)];
}
