using System.Diagnostics;
using System.Text.RegularExpressions;
using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// Graceful stops in a three-node cluster: SIGTERM runs coordinated shutdown, the node's shards are handed to the
/// others, and no completed phase runs again (a phase in flight during the hand-off may).
/// </summary>
public sealed partial class ClusterShutdownTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task SIGTERM_of_a_node_mid_run_hands_its_shards_over_and_no_completed_phase_runs_again()
    {
        // About 8 s of phases left after the slowest task's second line, so the stop lands mid-run.
        const int count = 30;
        var ids = Enumerable.Range(0, 30).Select(i => $"term-{i:00}").ToList();
        await _cluster.SubmitStepsAsync(ids, id => new { count, delayMs = 300, journal = _cluster.LinesFileOf(id) });
        await _cluster.WaitForLinesAsync(ids, 2, Patience);

        var leaving = _cluster.Nodes[1];
        var others = _cluster.Nodes.Where(n => n != leaving).ToList();
        var outputBefore = others.Select(n => n.Output.Length).ToList();
        var stopping = Stopwatch.StartNew();
        Assert.Equal(0, await leaving.TerminateAsync());
        TestReport.Write(output, $"SIGTERM of one cluster node (tasks running) to its exit: {stopping.Elapsed.TotalSeconds:F1} s");

        // Every phase of coordinated shutdown (the shards' hand-off, leaving, exiting) finished within its timeout.
        Assert.DoesNotMatch(ShutdownPhaseTimedOut(), leaving.Output);

        await _cluster.WaitForStateAsync(ids, TaskLifecycleState.Succeeded, Patience);
        var handedOver = ClusterFailoverTests.Recovered(others, outputBefore, "Running");
        output.WriteLine($"{handedOver.Count} task(s) handed over: {string.Join(", ", handedOver)}");
        Assert.NotEmpty(handedOver);
        foreach (var id in ids)
        {
            StepsJournal.AssertNoCompletedPhaseRanAgain(id, _cluster.LinesOf(id), count, await _cluster.Database.Journal.ReadTaskAsync(id));
        }
    }

    [Fact]
    public async Task Rolling_restart_of_all_three_nodes_while_tasks_run_loses_nothing()
    {
        const int count = 20;
        var ids = new List<string>();
        for (var i = 0; i < _cluster.Nodes.Count; i++)
        {
            // A fresh batch before each restart, so every restart interrupts running tasks.
            var batch = Enumerable.Range(0, 10).Select(k => $"roll-{i}-{k}").ToList();
            ids.AddRange(batch);
            await _cluster.SubmitStepsAsync(batch, id => new { count, delayMs = 300, journal = _cluster.LinesFileOf(id) });
            await _cluster.WaitForLinesAsync(batch, 2, Patience);

            var node = _cluster.Nodes[i];
            Assert.Equal(0, await node.TerminateAsync());
            await node.StartAsync();
            output.WriteLine($"node{i} restarted");
        }

        await _cluster.WaitForStateAsync(ids, TaskLifecycleState.Succeeded, Patience);
        foreach (var id in ids)
        {
            StepsJournal.AssertNoCompletedPhaseRanAgain(id, _cluster.LinesOf(id), count, await _cluster.Database.Journal.ReadTaskAsync(id));
        }
    }

    // Akka's warning when a phase of coordinated shutdown outlasts its timeout, e.g. "cluster-exiting timed out after 00:00:10".
    [GeneratedRegex(@"[\w-]+\]? timed out after \d{2}:\d{2}:\d{2}")]
    private static partial Regex ShutdownPhaseTimedOut();
}
