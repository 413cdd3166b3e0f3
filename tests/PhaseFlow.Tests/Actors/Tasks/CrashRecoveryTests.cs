using System.Text.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Actors.Tasks;

/// <summary>
/// Crashes for real: the actor system is aborted (no coordinated shutdown, nothing flushed) while a phase or an undo
/// is held at a gate, then a fresh actor system recovers the task from the same SQLite file.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : PhaseFlowTestKit(output)
{
    public static TheoryData<int, GatePoint> CrashPoints()
    {
        var points = new TheoryData<int, GatePoint>();
        for (var phase = 0; phase < 5; phase++)
        {
            points.Add(phase, GatePoint.BeforeEffect);
            points.Add(phase, GatePoint.AfterEffect);
        }

        return points;
    }

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task Crash_AtAnyPointOfAFivePhaseTask_ResumesWithoutRedoingCompletedPhases(int crashPhase, GatePoint point)
    {
        var script = new Script(Runs, phases: 5);
        List<int> completedAtCrash = [];
        await using var second = await CrashAndRestart("crash", script, script.Close(point, crashPhase), () => completedAtCrash = CompletedIndexes());
        var status = await WaitForState(second, "crash", TaskLifecycleState.Succeeded);

        Assert.Equal(Enumerable.Range(0, crashPhase), completedAtCrash);
        for (var i = 0; i < 5; i++)
        {
            // Completed phases never run again; the interrupted one runs again (twice in all if its effect had happened).
            var expected = i == crashPhase && point == GatePoint.AfterEffect ? 2 : 1;
            Assert.True(expected == Runs.Count($"run {i}"), $"phase {i}: expected {expected} runs, log: {string.Join(" | ", Runs.Lines())}");
        }

        Assert.Equal(Enumerable.Range(0, 5), CompletedIndexes());
        Assert.All(status.Phases, p => Assert.Equal(1, p.Attempts));
        Assert.Single(Database.JournalOf("task-crash"), r => r.Manifest == "E-TS");
    }

    [Fact]
    public async Task Crash_DuringRevert_ResumesTheRevertWithoutRepeatingRecordedUndos()
    {
        var script = new Script(Runs, phases: 5) { Failure = (i, _) => i == 4 ? new InvalidOperationException("boom") : null };
        await using var second = await CrashAndRestart("revert-crash", script, script.Close(GatePoint.Undo, 1));
        var status = await WaitForState(second, "revert-crash", TaskLifecycleState.Reverted);

        Assert.Equal(1, Runs.Count("undo 4"));
        Assert.Equal(1, Runs.Count("undo 3"));
        Assert.Equal(1, Runs.Count("undo-start 3"));
        Assert.Equal(1, Runs.Count("undo 2"));
        Assert.Equal(1, Runs.Count("undo-start 2"));
        Assert.Equal(2, Runs.Count("undo-start 1"));
        Assert.Equal(1, Runs.Count("undo 1"));
        Assert.Equal(1, Runs.Count("undo 0"));
        Assert.Equal(5, Database.JournalOf("task-revert-crash").Count(r => r.Manifest == "E-PR"));
        Assert.Equal("boom", status.Error!.Message);
    }

    [Fact]
    public async Task Crash_AfterABranchingPhase_ReplaysTheSameBranch()
    {
        var calls = 0;
        var script = new Script(Runs, phases: 3) { BranchChoice = () => Interlocked.Increment(ref calls) == 1 ? "left" : "right" };
        await using var second = await CrashAndRestart("branch", script, script.Close(GatePoint.AfterEffect, 1));
        var status = await WaitForState(second, "branch", TaskLifecycleState.Succeeded);

        Assert.Equal(["phase-0", "branch-left", "phase-2"], status.Phases.Select(p => p.Name));
        Assert.Equal(1, calls);
        Assert.Equal(1, Runs.Count("run 0"));
    }

    [Fact]
    public async Task Recovery_PlanRenamesTheInFlightPhase_SuspendsRunsNothingAndCancelReverts()
    {
        var (second, suspended) = await CrashThenRename("changed", crashInPhase: 2, renamedPhase: 2);
        await using var node = second;
        var runsAtRestart = Runs.Lines().Count(l => l.StartsWith("run ", StringComparison.Ordinal));

        Assert.Equal("DefinitionChanged", suspended.Error!.Type);
        Assert.StartsWith("Task definition changed: phase 3 was recorded as 'phase-2' but the plan now yields 'phase-2-renamed'", suspended.Error.Message, StringComparison.Ordinal);
        Assert.Equal(3, runsAtRestart);
        Assert.Equal(runsAtRestart, Runs.Lines().Count(l => l.StartsWith("run ", StringComparison.Ordinal)));

        Assert.IsType<PhaseFlow.Contracts.Commands.CommandAccepted>(await second.Cancel("changed"));
        var reverted = await WaitForState(second, "changed", TaskLifecycleState.Reverted);
        Assert.Equal(["undo 1", "undo 0"], Runs.Lines().Where(l => l.StartsWith("undo ", StringComparison.Ordinal)));
        Assert.Equal(RevertReason.Cancelled, reverted.Revert!.Reason);
    }

    [Fact]
    public async Task Recovery_PlanRenamesACompletedPhase_SuspendsAndCancelRefusesToGuessTheUndo()
    {
        var (second, suspended) = await CrashThenRename("renamed", crashInPhase: 2, renamedPhase: 1);
        await using var node = second;
        Assert.Contains("phase 2 was recorded as 'phase-1' but the plan now yields 'phase-1-renamed'", suspended.Error!.Message, StringComparison.Ordinal);

        await second.Cancel("renamed");
        var failed = await WaitForState(second, "renamed", TaskLifecycleState.RevertFailed);

        Assert.StartsWith("Cannot undo phase 2 'phase-1'", failed.Revert!.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, Runs.Count("undo 1"));
        Assert.Equal(0, Runs.Count("undo 0"));
    }

    /// <summary>Crashes while phase <paramref name="crashInPhase"/> is running, renames a phase, and recovers: the task is suspended.</summary>
    private async Task<(TaskNode Node, PhaseFlow.Contracts.Queries.TaskStatusView Status)> CrashThenRename(string taskId, int crashInPhase, int renamedPhase)
    {
        var script = new Script(Runs, phases: 4);
        var second = await CrashAndRestart(
            taskId,
            script,
            script.Close(GatePoint.AfterEffect, crashInPhase),
            () => script.NameOf = i => i == renamedPhase ? $"phase-{i}-renamed" : $"phase-{i}");
        return (second, await WaitForState(second, taskId, TaskLifecycleState.Suspended));
    }

    /// <summary>
    /// Submits the scripted task, aborts the node once the task reached <paramref name="gate"/>, runs
    /// <paramref name="whileDown"/>, opens every gate and starts a fresh node on the same file.
    /// </summary>
    private async Task<TaskNode> CrashAndRestart(string taskId, Script script, Gate gate, Action? whileDown = null)
    {
        var first = TaskNode.Start(Database);
        await first.Submit(taskId, ScriptedTask.Name, script.InputJson);
        await gate.Reached.WaitAsync(Patience);
        await first.Abort();

        whileDown?.Invoke();
        script.OpenAll();
        return TaskNode.Start(Database);
    }

    private List<int> CompletedIndexes() =>
        [.. Database.JournalOf("task-crash")
            .Where(r => r.Manifest == "E-PC")
            .Select(r => JsonDocument.Parse(r.Json).RootElement.GetProperty("index").GetInt32())];
}
