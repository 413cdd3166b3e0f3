using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// Real network partitions between three node processes on 127.0.0.2-4 while tasks run, cut with iptables (see
/// <see cref="NetworkPartition"/>), with the shipped failover settings. Whatever side wins, the task journals show
/// that no completed phase ran again and that no two runs of a task overlapped: no task ran on two sides at once.
/// </summary>
public sealed class ClusterPartitionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Count = 40;
    private const int DelayMs = 150;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private NetworkPartition? _partition;
    private TestCluster? _cluster;

    public async Task InitializeAsync() => _partition = await NetworkPartition.CreateAsync();

    public async Task DisposeAsync()
    {
        // Rules first, so nothing a failing test left cut outlives it; then the nodes; then the cgroups they ran in.
        if (_partition is not null)
        {
            await _partition.HealAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_partition is not null)
        {
            await _partition.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_2_1_partition_the_side_of_two_keeps_every_task_and_the_node_alone_downs_itself()
    {
        var cluster = _cluster = await TestCluster.StartAsync(shippedTimings: true, partition: _partition);
        var ids = await StartTasksAsync(cluster, "split");

        // The oldest node, with the shard coordinator and the task list projection, is the one cut off.
        await _partition!.CutAsync([Side(0)], [Side(1), Side(2)]);
        await WaitForExitAsync(cluster.Nodes[0], "the node alone (it cannot take the resolver's lease the majority holds)");
        Assert.True(cluster.Nodes[1].IsRunning && cluster.Nodes[2].IsRunning, "the side of two must stay up");
        await cluster.WaitForStateAsync(ids, TaskLifecycleState.Succeeded, Patience);
        await _partition.HealAsync();

        await AssertSafeAsync(cluster, ids);
    }

    [Fact]
    public async Task A_partition_that_heals_before_the_resolver_decides_downs_nobody_and_every_phase_runs_once()
    {
        // The patient test timings (acceptable-heartbeat-pause 10 s, stable-after 5 s): the partition is seen, then
        // healed well inside stable-after, however slow this machine is right now.
        var cluster = _cluster = await TestCluster.StartAsync(partition: _partition);
        var ids = await StartTasksAsync(cluster, "heal");

        // The failure detector's verdicts, as node1 logs them the moment it changes its mind.
        var observer = cluster.Nodes[1];
        var from = observer.Output.Length;
        await _partition!.CutAsync([Side(0)], [Side(1), Side(2)]);
        await WaitForLogAsync(observer, from, "Marking node(s) as UNREACHABLE", "node1 does not see node0 as unreachable yet");
        await _partition.HealAsync();

        await cluster.WaitForStateAsync(ids, TaskLifecycleState.Succeeded, Patience);
        Assert.All(cluster.Nodes, node => Assert.True(node.IsRunning, "no node may be downed by a partition that healed in time"));
        Assert.DoesNotContain("SBR took decision", string.Concat(cluster.Nodes.Select(n => n.Output)), StringComparison.Ordinal);
        await Eventually.HoldsAsync(
            async () => (await observer.Http.GetFromJsonAsync<ClusterResource>(PhaseFlowApi.Cluster, NodeProcess.Json))!.Nodes,
            nodes => Assert.Equal(3, nodes.Count(n => n.Status == "Up" && n.Reachable)),
            Patience,
            cluster.OutputTail);
        foreach (var id in ids)
        {
            // Nobody was downed, so nothing was interrupted: each phase ran exactly once.
            StepsJournal.AssertRanOnce(id, cluster.LinesOf(id), Count);
        }

        await AssertSafeAsync(cluster, ids);
    }

    [Fact]
    public async Task The_database_reachable_only_from_the_node_alone_that_node_takes_over_and_the_other_two_down_themselves()
    {
        var cluster = _cluster = await TestCluster.StartAsync(shippedTimings: true, partition: _partition);
        var ids = await StartTasksAsync(cluster, "dbside");

        // Node0 alone keeps the database; node1 and node2 lose it and each other's company with node0.
        await _partition!.CutAsync([Side(0)], [Side(1), Side(2)]);
        await _partition.CutDatabaseAsync([1, 2], cluster.DatabaseRelay!.Port);
        await WaitForExitAsync(cluster.Nodes[1], "node1 (its side cannot reach the database, so cannot take the resolver's lease)");
        await WaitForExitAsync(cluster.Nodes[2], "node2 (its side cannot reach the database, so cannot take the resolver's lease)");
        Assert.True(cluster.Nodes[0].IsRunning, "the node that reaches the database must stay up");
        await cluster.WaitForStateAsync(ids, TaskLifecycleState.Succeeded, Patience);
        await _partition.HealAsync();

        await AssertSafeAsync(cluster, ids);
    }

    private static (int Node, string Address) Side(int node) => (node, TestCluster.AddressOf(node));

    private static async Task<List<string>> StartTasksAsync(TestCluster cluster, string prefix)
    {
        // About 6 s of phases, so every task is mid-run when the cut comes and many outlast the resolver's decision.
        var ids = Enumerable.Range(0, 24).Select(i => $"{prefix}-{i:00}").ToList();
        await cluster.SubmitStepsAsync(ids, id => new { count = Count, delayMs = DelayMs, timed = true, journal = cluster.LinesFileOf(id) });
        await cluster.WaitForLinesAsync(ids, 4, Patience);
        return ids;
    }

    private static Task WaitForLogAsync(NodeProcess node, int from, string text, string failure) =>
        Eventually.HoldsAsync(
            () => node.Output[from..].Contains(text, StringComparison.Ordinal),
            seen => Assert.True(seen, failure),
            Patience,
            () => node.Output[from..],
            TimeSpan.FromMilliseconds(50));

    private static Task WaitForExitAsync(NodeProcess node, string which) =>
        Eventually.HoldsAsync(
            () => node.IsRunning,
            running => Assert.False(running, $"{which} should have downed itself and exited"),
            Patience,
            () => node.Output.Length > 4000 ? node.Output[^4000..] : node.Output);

    /// <summary>What every partition test holds the journals to, once every task has settled.</summary>
    private async Task AssertSafeAsync(TestCluster cluster, IReadOnlyList<string> ids)
    {
        var runs = 0;
        foreach (var id in ids)
        {
            var lines = cluster.LinesOf(id);
            StepsJournal.AssertNoCompletedPhaseRanAgain(id, lines, Count, await cluster.Database.Journal.ReadTaskAsync(id));
            runs += StepsJournal.AssertRunsNeverOverlapped(id, lines, cluster.ExitOf);
        }

        output.WriteLine($"{ids.Count} tasks, {runs} phase runs, none overlapping; {string.Join("; ", cluster.Nodes.Select((n, i) => $"node{i} {(n.IsRunning ? "up" : "down")}"))}");
    }
}
