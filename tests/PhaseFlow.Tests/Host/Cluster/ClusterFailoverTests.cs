using System.Diagnostics;
using System.Text.RegularExpressions;
using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// Three node processes on one PostgreSQL database; nodes die by SIGKILL and their tasks carry on elsewhere (or,
/// when every node died, after a restart) at the right phase, with no new message from anyone.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private TestCluster? _cluster;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Kill_9_of_a_node_mid_run_all_60_tasks_succeed_no_completed_phase_runs_again_and_only_the_one_in_flight_may()
    {
        // The tests' patient failure-detector settings (TestCluster.TestHeartbeatPause): on a loaded machine the shipped
        // ones can down a starved survivor too, whose tasks would then move and repeat a phase this test forbids. How
        // fast failover is with the shipped settings is a measurement, not something a test can hold on a shared machine.
        var cluster = _cluster = await TestCluster.StartAsync();

        // Long enough that the slowest task, once it wrote its second line, still has about 8 s of phases left: the
        // kill must land mid-run even when the test host is starved for a few seconds between seeing that and killing.
        const int count = 30;
        const int delayMs = 300;
        var ids = Enumerable.Range(0, 60).Select(i => $"kill-{i:00}").ToList();
        await cluster.SubmitStepsAsync(ids, id => new { count, delayMs, journal = cluster.LinesFileOf(id) });
        await cluster.WaitForLinesAsync(ids, 2, Patience);

        // The oldest node: besides its share of the tasks it hosts the shard coordinator and the task list
        // projection, so this is the slowest failover there is.
        var victim = cluster.Nodes[0];
        var survivors = cluster.Nodes.Skip(1).ToList();
        var outputBefore = survivors.Select(n => n.Output.Length).ToList();
        var linesAtKill = ids.ToDictionary(id => id, id => cluster.LinesOf(id).Length);
        var clock = Stopwatch.StartNew();
        await victim.KillAsync();

        // What each task had stored when its node died: the victim's tasks stay so until failover, many seconds later.
        var journalAtKill = await cluster.Database.Journal.ReadTasksAsync(ids);

        // A task that had phases left must write another line; those of the dead node only after failover.
        var resumedAfter = await cluster.WaitForNextLineAsync(ids.Where(id => linesAtKill[id] < count).ToList(), linesAtKill, clock, Patience);

        await cluster.WaitForStateAsync(ids, TaskLifecycleState.Succeeded, Patience);
        var recovered = Recovered(survivors, outputBefore, "Running");
        var last = resumedAfter.Values.DefaultIfEmpty().Max();
        Report(
            $"failover after SIGKILL of the oldest of 3 nodes (test settings: acceptable-heartbeat-pause {TestCluster.TestHeartbeatPause.TotalSeconds:0} s, stable-after {TestCluster.TestStableAfter.TotalSeconds:0} s): {recovered.Count} task(s) recovered on the survivors; " +
            $"kill -> last resumed phase written: {last.TotalSeconds:0.0} s (includes that phase's {delayMs} ms delay); " +
            $"median task {Median(resumedAfter.Values).TotalSeconds:0.0} s");

        Assert.NotEmpty(recovered);
        foreach (var id in ids)
        {
            // A task of the killed node may run again the phase it had in flight at the kill (its line may have been
            // written and its completion not stored), once, and no other; a task of a survivor runs each phase once.
            StepsJournal.AssertRanOnce(id, cluster.LinesOf(id), count, recovered.Contains(id) ? journalAtKill[id] : null);
            Assert.Equal(Enumerable.Range(0, count), (await cluster.Database.Journal.ReadTaskAsync(id)).IndexesOf("E-PC"));
        }
    }

    [Fact]
    public async Task All_nodes_killed_at_once_and_started_again_every_task_in_flight_finishes()
    {
        var cluster = _cluster = await TestCluster.StartAsync();

        // About 8 s of phases left after the slowest task's second line, so some are still running at the kill.
        const int count = 30;
        var ids = Enumerable.Range(0, 30).Select(i => $"all-{i:00}").ToList();
        await cluster.SubmitStepsAsync(ids, id => new { count, delayMs = 300, journal = cluster.LinesFileOf(id) });
        await cluster.WaitForLinesAsync(ids, 2, Patience);

        await Task.WhenAll(cluster.Nodes.Select(n => n.KillAsync()));
        Assert.True(ids.Any(id => cluster.LinesOf(id).Length < count), "every task had finished before the kill: nothing was in flight");
        await cluster.StartAllAsync();

        // Nothing asks the tasks anything until they have written every line: their shards remember them.
        await cluster.WaitForLinesAsync(ids, count, Patience);
        await cluster.WaitForStateAsync(ids, TaskLifecycleState.Succeeded, Patience);
        foreach (var id in ids)
        {
            // The first node up restarts every remembered task and the others join after it, when sharding may hand a
            // shard over to them: the phase in flight at such a hand-off may run again too, so the journal, not the
            // moment of the kill, says which phases were interrupted.
            StepsJournal.AssertNoCompletedPhaseRanAgain(id, cluster.LinesOf(id), count, await cluster.Database.Journal.ReadTaskAsync(id));
        }
    }

    [Fact]
    public async Task Kill_9_of_a_node_while_its_tasks_revert_the_reverts_finish_elsewhere()
    {
        var cluster = _cluster = await TestCluster.StartAsync();
        // Phase 5 fails on every attempt, so it and the five completed phases are undone, each undo taking 1.5 s: after
        // the slowest task's first undo about 7 s of undos are left, so the kill lands mid-revert on a starved host too.
        const int failAt = 5;
        var ids = Enumerable.Range(0, 12).Select(i => $"revert-{i:00}").ToList();
        await cluster.SubmitStepsAsync(ids, id => new { count = 8, delayMs = 50, failAtPhase = failAt, revertDelayMs = 1500, journal = cluster.LinesFileOf(id) });
        await Eventually.HoldsAsync(
            () => ids.Where(id => !cluster.LinesOf(id).Any(l => l.StartsWith("revert ", StringComparison.Ordinal))).ToList(),
            waiting => Assert.True(waiting.Count == 0, $"{waiting.Count} task(s) have not started reverting"),
            Patience,
            cluster.OutputTail);

        var victim = cluster.Nodes[1];
        var survivors = cluster.Nodes.Where(n => n != victim).ToList();
        var outputBefore = survivors.Select(n => n.Output.Length).ToList();
        await victim.KillAsync();
        var journalAtKill = await cluster.Database.Journal.ReadTasksAsync(ids);

        await cluster.WaitForStateAsync(ids, TaskLifecycleState.Reverted, Patience);
        var recovered = Recovered(survivors, outputBefore, "Reverting");
        Report($"{recovered.Count} reverting task(s) of the killed node finished their revert on the survivors: {string.Join(", ", recovered)}");
        Assert.NotEmpty(recovered);
        var revertOrder = Enumerable.Range(0, failAt + 1).Reverse().ToList();
        foreach (var id in ids)
        {
            var lines = cluster.LinesOf(id);
            StepsJournal.AssertRanOnce(id, lines, failAt);
            StepsJournal.AssertRevertedOnce(id, lines, revertOrder, journalAtKill[id]);
            Assert.Equal(revertOrder, lines.Where(l => l.StartsWith("revert ", StringComparison.Ordinal)).Select(l => int.Parse(l["revert ".Length..], System.Globalization.CultureInfo.InvariantCulture)).Distinct());
        }
    }

    /// <summary>The ids of the tasks a node logged it recovered in <paramref name="state"/> after the given output positions.</summary>
    internal static List<string> Recovered(IReadOnlyList<NodeProcess> nodes, IReadOnlyList<int> outputBefore, string state) =>
        nodes.SelectMany((n, i) => Regex.Matches(n.Output[outputBefore[i]..], $@"Task (\S+) recovered in state {state}").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[sorted.Count / 2];
    }

    private void Report(string line) => TestReport.Write(output, line);
}
