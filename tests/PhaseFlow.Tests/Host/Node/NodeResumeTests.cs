using System.Net;
using System.Text.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using PhaseFlow.Tests.Host.Api;
using Xunit;

namespace PhaseFlow.Tests.Host.Node;

/// <summary>
/// A task suspended because its definition changed under it, against real node processes: the node is killed mid-task
/// and started again with another revision of the sample <c>revisioned-steps</c> type (its phase names follow the
/// node's <c>SAMPLE_TASKS_REVISION</c> variable), which stands in for a redeploy. The phases append to a file, the
/// witness of what really ran; the node's journal is read directly.
/// </summary>
public sealed class NodeResumeTests : IAsyncLifetime
{
    /// <summary>RevisionedStepsTask.RevisionVariable in PhaseFlow.SampleTasks (which the tests load only into nodes).</summary>
    private const string RevisionVariable = "SAMPLE_TASKS_REVISION";

    private const string TaskType = "revisioned-steps";
    private const int Count = 5;

    /// <summary>What the suspension and a refused resume say when revision 2 runs a task that revision 1 recorded.</summary>
    private const string Divergence = "phase 1 was recorded as 'step-0' but the plan now yields 'step-0@2'";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private NodeProcess _node = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(NodeStartupTests.SampleTasksAssembly), $"the sample task assembly is built with the tests: {NodeStartupTests.SampleTasksAssembly}");
        _node = NodeProcess.InNewFolder("--tasks-assembly", NodeStartupTests.SampleTasksAssembly);
        await _node.StartAsync();
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Resume_after_the_original_definition_is_redeployed_finishes_the_task_without_rerunning_completed_phases()
    {
        var (id, journal, atKill) = await SuspendByRedeployAsync();
        var linesWhileSuspended = File.ReadAllLines(journal);

        // While revision 2 runs, a resume is refused with the divergence, over HTTP and from the CLI.
        using (var refused = await _node.Http.PostAsync(PhaseFlowApi.Resume(id), null))
        {
            var problem = await ProblemResponse.ReadAsync(refused, HttpStatusCode.Conflict);
            Assert.Contains($"Task '{id}' still does not match its definition, so it stays suspended.", problem.Detail, StringComparison.Ordinal);
            Assert.Contains(Divergence, problem.Detail, StringComparison.Ordinal);
        }

        var refusedByCli = await CliAsync("resume", id);
        Assert.Equal(1, refusedByCli.ExitCode);
        Assert.Contains(Divergence, refusedByCli.StdErr, StringComparison.Ordinal);
        Assert.Empty(refusedByCli.StdOut);
        Assert.Equal(TaskLifecycleState.Suspended, (await _node.GetAsync(id))!.State);

        // Revision 1 again: the task stays suspended until an operator resumes it.
        await RedeployAsync(revision: null);
        var restored = (await _node.GetAsync(id))!;
        Assert.Equal(TaskLifecycleState.Suspended, restored.State);
        Assert.Equal(linesWhileSuspended, File.ReadAllLines(journal));

        var resumed = await CliAsync("resume", id);

        Assert.True(resumed.ExitCode == 0, $"phaseflow resume exited {resumed.ExitCode}: {resumed.StdErr}\n{_node.Output}");
        Assert.Equal($"{id} resumed (Running)", resumed.StdOut.Trim());
        Assert.Empty(resumed.StdErr);
        var done = await _node.WaitForStateAsync(id, TaskLifecycleState.Succeeded, Patience);
        Assert.Null(done.Error);
        Assert.Null(done.Problem);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"step-{i}"), done.Phases.Select(p => p.Name));
        Assert.All(done.Phases, p => Assert.Equal(PhaseLifecycleState.Completed, p.State));
        AssertEachPhaseRan(journal, atKill);
        var stored = await _node.Journal.ReadTaskAsync(id);
        var events = stored.Manifests();
        Assert.Equal(Enumerable.Range(0, Count), stored.IndexesOf("E-PC"));
        Assert.Equal(1, events.Count(m => m == "E-TSU"));
        Assert.Equal(1, events.Count(m => m == "E-TRS"));
        Assert.True(events.IndexOf("E-TSU") < events.IndexOf("E-TRS"), $"suspended, then resumed: {string.Join(", ", events)}");
        Assert.Equal("E-TS", events[^1]);
    }

    [Fact]
    public async Task Cancel_of_a_suspended_task_after_the_original_definition_is_redeployed_reverts_the_completed_phases()
    {
        var (id, journal, atKill) = await SuspendByRedeployAsync();
        await RedeployAsync(revision: null);
        Assert.Equal(TaskLifecycleState.Suspended, (await _node.GetAsync(id))!.State);
        var runsBeforeCancel = File.ReadAllLines(journal).Where(l => l.StartsWith("run ", StringComparison.Ordinal)).ToList();

        using var cancel = await _node.Http.PostAsync(PhaseFlowApi.Cancel(id), null);

        Assert.True(cancel.StatusCode == HttpStatusCode.Accepted, $"cancel answered {(int)cancel.StatusCode}: {await cancel.Content.ReadAsStringAsync()}");
        var reverted = await _node.WaitForSettledAsync(id, Patience);
        Assert.True(reverted.State == TaskLifecycleState.Reverted, $"the task ended {reverted.State}: {JsonSerializer.Serialize(reverted, NodeProcess.Json)}");
        Assert.Equal(RevertReason.Cancelled, reverted.Revert!.Reason);

        // Every phase that started is undone once, newest first: the one in flight at the kill (it may have half-run), then the completed ones.
        var lines = File.ReadAllLines(journal);
        Assert.Equal(atKill.Started.OrderDescending().Select(i => $"revert {i}"), lines.Where(l => l.StartsWith("revert ", StringComparison.Ordinal)));
        Assert.Equal(atKill.Started, reverted.Phases.Select(p => p.Index));
        Assert.All(reverted.Phases, p => Assert.Equal(PhaseLifecycleState.Reverted, p.State));
        Assert.Equal(runsBeforeCancel, lines.Where(l => l.StartsWith("run ", StringComparison.Ordinal)));
        Assert.DoesNotContain("E-TRS", (await _node.Journal.ReadTaskAsync(id)).Manifests());
    }

    /// <summary>
    /// Submits a task under revision 1, kills the node (SIGKILL) once two phases have written their line, and starts it
    /// again with revision 2; the task must then be suspended with the divergence in its status.
    /// </summary>
    private async Task<(string Id, string Journal, PhasesAtKill AtKill)> SuspendByRedeployAsync()
    {
        var id = SubmitApiTests.NewId();
        var journal = Path.Combine(_node.Folder, id + ".journal");
        await _node.SubmitAsync(TaskType, new { count = Count, delayMs = 400, journal }, id);
        await StepsJournal.WaitForLinesAsync(journal, 2);

        await _node.KillAsync();
        var events = await _node.Journal.ReadTaskAsync(id);
        var atKill = new PhasesAtKill([.. events.IndexesOf("E-PS").Distinct()], events.IndexesOf("E-PC"));
        Assert.Contains(0, atKill.Completed);
        Assert.True(atKill.Completed.Count < Count, $"the node was killed mid-task; completed: {string.Join(", ", atKill.Completed)}");

        await RedeployAsync(revision: "2");
        var suspended = await _node.WaitForStateAsync(id, TaskLifecycleState.Suspended, Patience);
        Assert.Equal("DefinitionChanged", suspended.Error!.Type);
        Assert.Contains(Divergence, suspended.Error.Message, StringComparison.Ordinal);
        Assert.Contains("restore the previous definition and resume the task, or cancel it", suspended.Error.Message, StringComparison.Ordinal);
        return (id, journal, atKill);
    }

    /// <summary>Stops the node and starts it on the same data with another revision of the sample task type.</summary>
    private async Task RedeployAsync(string? revision)
    {
        await _node.KillAsync();
        if (revision is null)
        {
            _node.Environment.Remove(RevisionVariable);
        }
        else
        {
            _node.Environment[RevisionVariable] = revision;
        }

        await _node.StartAsync();
    }

    /// <summary>Runs a <c>phaseflow</c> client verb against the node.</summary>
    private Task<(int ExitCode, string StdOut, string StdErr)> CliAsync(params string[] args) =>
        NodeProcess.RunToExitAsync(_node.Folder, [.. args, "--server", _node.Http.BaseAddress!.ToString()]);

    /// <summary>
    /// Completed phases ran once in all, the phases started but not completed at the kill at most twice (their line
    /// may have been written just before it), and every other phase once.
    /// </summary>
    private static void AssertEachPhaseRan(string journal, PhasesAtKill atKill)
    {
        var runs = File.ReadAllLines(journal);
        for (var i = 0; i < Count; i++)
        {
            var times = runs.Count(l => l == $"run {i}");
            var most = atKill.Started.Contains(i) && !atKill.Completed.Contains(i) ? 2 : 1;
            Assert.True(times >= 1 && times <= most, $"run {i} appears {times} times (at most {most}); completed at the kill: {string.Join(", ", atKill.Completed)}; lines: {string.Join(", ", runs)}");
        }
    }

    /// <summary>The phases whose start and whose completion the journal held when the node was killed.</summary>
    private sealed record PhasesAtKill(List<int> Started, List<int> Completed);
}
