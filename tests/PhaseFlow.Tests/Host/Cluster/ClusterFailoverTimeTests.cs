using System.Globalization;
using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// How long failover takes with the shipped settings, as a user gets it: three nodes on PostgreSQL, five SIGKILLs in
/// a row, each followed by a restart of the victim, and the time from each kill to the last of the dead node's tasks
/// running again. Every run must stay under 10 s.
/// </summary>
public sealed class ClusterFailoverTimeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Runs = 5;
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(10);
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
    public async Task Five_kills_with_the_shipped_settings_each_node_s_tasks_run_again_within_10_s()
    {
        var cluster = _cluster = await TestCluster.StartAsync(shippedTimings: true);

        // The order the nodes joined in: the first is the oldest, which hosts the shard coordinator and the task list
        // projection. Even runs kill it (the slowest failover there is), odd runs the youngest that runs tasks (a node
        // that just rejoined may have been given no shard yet).
        var joined = cluster.Nodes.ToList();
        var times = new List<TimeSpan>();
        for (var run = 0; run < Runs; run++)
        {
            var (time, resumed, victim) = await KillAndTimeAsync(cluster, run % 2 == 0 ? joined : [.. Enumerable.Reverse(joined)], run);
            times.Add(time);
            Report(string.Create(
                CultureInfo.InvariantCulture,
                $"failover run {run + 1}/{Runs} (shipped settings, SIGKILL of the {(victim == joined[0] ? "oldest" : victim == joined[^1] ? "youngest" : "second oldest")} of 3 nodes): {resumed} task(s) of the dead node running again; its last line -> the last of them starting a phase on a survivor: {time.TotalSeconds:0.0} s"));

            await cluster.StartAllAsync();
            joined.Remove(victim);
            joined.Add(victim);
        }

        var sorted = times.Order().ToList();
        Report(string.Create(
            CultureInfo.InvariantCulture,
            $"failover with the shipped settings over {Runs} kills: median {sorted[Runs / 2].TotalSeconds:0.0} s, worst {sorted[^1].TotalSeconds:0.0} s (goal: under {Goal.TotalSeconds:0} s)"));
        Assert.All(times, time => Assert.True(time < Goal, $"a failover took {time.TotalSeconds:0.0} s: {string.Join(", ", times.Select(t => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)))}"));
    }

    /// <summary>
    /// Starts tasks, kills the first node of <paramref name="preference"/> that runs some with phases left, and waits
    /// until each of those has started a phase on a survivor.
    /// </summary>
    private static async Task<(TimeSpan Last, int Resumed, NodeProcess Victim)> KillAndTimeAsync(TestCluster cluster, IReadOnlyList<NodeProcess> preference, int run)
    {
        // About 6 s of phases left after the slowest task's second line: the kill lands mid-run.
        const int count = 40;
        const int delayMs = 150;
        var ids = Enumerable.Range(0, 24).Select(i => $"time-{run}-{i:00}").ToList();
        await cluster.SubmitStepsAsync(ids, id => new { count, delayMs, timed = true, journal = cluster.LinesFileOf(id) });
        await cluster.WaitForLinesAsync(ids, 2, Patience);

        // Which node runs which task: each run of a phase writes its process id ("timed"). The victim is the first node
        // of the preference that runs a task with phases left.
        var unfinishedOn = ids
            .Select(id => (Id: id, Lines: cluster.LinesOf(id)))
            .Where(t => t.Lines.Count(line => line.StartsWith("run ", StringComparison.Ordinal)) < count - 4)
            .ToLookup(t => LastPid(t.Lines), t => t.Id);
        var victim = preference.First(node => node.ProcessId is { } pid && unfinishedOn[pid].Any());
        var victimTasks = unfinishedOn[victim.ProcessId!.Value].ToList();

        await victim.KillAsync();

        // Each of the dead node's tasks starts a phase on a survivor. Timed from the last line the dead node wrote (it
        // was surely alive then; the kill itself takes a moment to land) to the first start written elsewhere, both
        // stamped with this machine's clock by the nodes themselves.
        var dead = victim.ProcessId!.Value;
        var runs = await Eventually.HoldsAsync(
            () => victimTasks.ToDictionary(id => id, id => StampsOf(cluster.LinesOf(id))),
            byTask => Assert.True(byTask.Values.All(r => r.Any(run => run.Pid != dead)), "a task of the dead node has not run again elsewhere yet"),
            Patience,
            cluster.OutputTail,
            TimeSpan.FromMilliseconds(50));
        var lastSignOfLife = ids.SelectMany(id => StampsOf(cluster.LinesOf(id))).Where(r => r.Pid == dead).Max(r => r.Time);
        var resumed = runs.Values.Select(r => r.First(run => run.Pid != dead && run.Time >= lastSignOfLife).Time).ToList();

        await cluster.WaitForStateAsync(ids, TaskLifecycleState.Succeeded, Patience);
        foreach (var id in ids)
        {
            // Only a phase in flight at the kill may have run again.
            StepsJournal.AssertNoCompletedPhaseRanAgain(id, cluster.LinesOf(id), count, await cluster.Database.Journal.ReadTaskAsync(id));
        }

        return (TimeSpan.FromMilliseconds(resumed.Max() - lastSignOfLife), resumed.Count, victim);
    }

    /// <summary>The process id in a timed steps task's last <c>start i T pid</c> line: the node running it.</summary>
    private static int LastPid(string[] lines) => StampsOf(lines).Select(r => r.Pid).LastOrDefault();

    /// <summary>The <c>start i T pid</c> and <c>end i T pid</c> lines of a timed steps task: when, and in which process.</summary>
    private static List<(long Time, int Pid)> StampsOf(string[] lines) =>
        lines.Select(line => line.Split(' '))
            .Where(f => f is ["start" or "end", _, _, _])
            .Select(f => (long.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();

    private void Report(string line) => TestReport.Write(output, line);
}
