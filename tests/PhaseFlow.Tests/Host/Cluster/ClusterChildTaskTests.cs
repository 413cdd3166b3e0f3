using System.Diagnostics;
using System.Text.RegularExpressions;
using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;
using Xunit.Abstractions;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// Child tasks in a three-node cluster on PostgreSQL: the children of one parent are spread over the nodes by
/// sharding; a node dies by SIGKILL while they run (the parent's node, or one with only children), and the parent
/// still ends Succeeded with every child run once; a thousand children of one parent land on every node.
/// </summary>
public sealed class ClusterChildTaskTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    /// <summary>
    /// 2 s instead of the shipped 30 s. A child's notice that it finished can be lost with a node: sent while the
    /// parent's shard still lives on the killed node, it is gone, and the parent learns of that child only by asking
    /// again (on recovery, then every watch interval). A short interval makes up for such a loss within seconds, so a
    /// test that waits for the parent measures failover, not the 30 s timer.
    /// </summary>
    private static readonly Dictionary<string, string> ShortWatchInterval = new() { ["PhaseFlow__WatchInterval"] = "00:00:02" };

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
    public async Task Kill_9_of_the_parents_node_while_its_children_run_the_parent_resumes_elsewhere_and_notices_children_that_finished_meanwhile()
    {
        var cluster = _cluster = await TestCluster.StartAsync(environment: ShortWatchInterval);
        const string parent = "orphan";
        const int count = 10;

        // About 5 s per child: those on the survivors finish within seconds of the kill, long before the parent
        // fails over (about 20 s with the test timings), so their notices go to a parent that is down.
        var childIds = ChildIds(parent, 12);
        await cluster.SubmitStepsAsync([parent], _ => ParentInput(cluster, childIds, count, delayMs: 500));
        await cluster.WaitForLinesAsync(childIds, 1, Patience);

        var victim = HomeOf(cluster, parent);
        var survivors = cluster.Nodes.Where(n => n != victim).ToList();
        var outputBefore = survivors.Select(n => n.Output.Length).ToList();
        var childrenOfVictim = AcceptedOn(victim, childIds);
        var killedAt = DateTimeOffset.UtcNow;
        await victim.KillAsync();
        var journalAtKill = await cluster.Database.Journal.ReadTasksAsync(childIds);

        // When the test saw the parent recover on a survivor (a little after it did: polled every 20 ms).
        await Eventually.HoldsAsync(
            () => ClusterFailoverTests.Recovered(survivors, outputBefore, "Running"),
            recovered => Assert.Contains(parent, recovered),
            Patience,
            cluster.OutputTail,
            TimeSpan.FromMilliseconds(20));
        var recoveredAt = DateTimeOffset.UtcNow;

        await cluster.WaitForStateAsync([parent], TaskLifecycleState.Succeeded, Patience);
        await cluster.WaitForStateAsync(childIds, TaskLifecycleState.Succeeded, Patience);
        var journals = await cluster.Database.Journal.ReadTasksAsync([parent, .. childIds]);
        var settled = SettledChildren(journals[parent]);
        var finishedWhileDown = childIds.Where(id => SucceededAt(journals[id]) is { } at && at > killedAt && at < recoveredAt).ToList();
        Report(
            $"parent's node killed: {childrenOfVictim.Count} of {childIds.Count} children were on it; the parent recovered on a survivor " +
            $"{(recoveredAt - killedAt).TotalSeconds:0.0} s after the kill; {finishedWhileDown.Count} child(ren) finished while it was down");

        Assert.NotEmpty(finishedWhileDown);
        foreach (var id in finishedWhileDown)
        {
            // Its notice went to the dead node; the parent recorded it only after it came back, by asking.
            Assert.True(settled.TryGetValue(id, out var noticed), $"the parent's journal has no E-ATS for {id}, which finished while the parent was down");
            Assert.True(noticed.At >= recoveredAt.AddSeconds(-1), $"{id}: E-ATS recorded at {noticed.At:O}, before the parent recovered ({recoveredAt:O})");
        }

        AssertParentSettledEachChildOnce(journals[parent], childIds, settled);
        foreach (var id in childIds)
        {
            AssertStartedOnce(id, journals[id]);

            // A child of the killed node may run again the phase it had in flight at the kill, and no other.
            StepsJournal.AssertRanOnce(id, cluster.LinesOf(id), count, childrenOfVictim.Contains(id) ? journalAtKill[id] : null);
        }
    }

    [Fact]
    public async Task Kill_9_of_a_node_with_children_but_not_the_parent_those_children_resume_on_survivors_and_the_parent_succeeds()
    {
        var cluster = _cluster = await TestCluster.StartAsync(environment: ShortWatchInterval);
        const string parent = "steady";
        const int count = 20;

        // About 8 s per child: after the slowest child's second line about 7 s are left, so the kill lands mid-run.
        var childIds = ChildIds(parent, 15);
        await cluster.SubmitStepsAsync([parent], _ => ParentInput(cluster, childIds, count, delayMs: 400));
        await cluster.WaitForLinesAsync(childIds, 2, Patience);

        // Of the two nodes without the parent, the one with more children (15 children all on the parent's node: 1 in 3^15).
        var home = HomeOf(cluster, parent);
        var victim = cluster.Nodes.Where(n => n != home).MaxBy(n => AcceptedOn(n, childIds).Count)!;
        var childrenOfVictim = AcceptedOn(victim, childIds);
        Assert.NotEmpty(childrenOfVictim);
        var survivors = cluster.Nodes.Where(n => n != victim).ToList();
        var outputBefore = survivors.Select(n => n.Output.Length).ToList();
        await victim.KillAsync();
        var journalAtKill = await cluster.Database.Journal.ReadTasksAsync(childIds);
        var runningAtKill = childrenOfVictim.Where(id => SucceededAt(journalAtKill[id]) is null).ToList();
        Assert.True(runningAtKill.Count > 0, "every child of the killed node had finished before the kill: nothing was in flight");

        await cluster.WaitForStateAsync([parent], TaskLifecycleState.Succeeded, Patience);
        await cluster.WaitForStateAsync(childIds, TaskLifecycleState.Succeeded, Patience);
        var recovered = ClusterFailoverTests.Recovered(survivors, outputBefore, "Running");
        Report($"node without the parent killed: {childrenOfVictim.Count} of {childIds.Count} children were on it, {runningAtKill.Count} still running; recovered on the survivors: {string.Join(", ", recovered.Where(childIds.Contains))}");

        Assert.All(runningAtKill, id => Assert.Contains(id, recovered));
        Assert.DoesNotContain(parent, recovered);
        var journals = await cluster.Database.Journal.ReadTasksAsync([parent, .. childIds]);
        AssertParentSettledEachChildOnce(journals[parent], childIds, SettledChildren(journals[parent]));
        foreach (var id in childIds)
        {
            AssertStartedOnce(id, journals[id]);
            StepsJournal.AssertRanOnce(id, cluster.LinesOf(id), count, childrenOfVictim.Contains(id) ? journalAtKill[id] : null);
        }
    }

    [Fact]
    public async Task A_thousand_children_of_one_parent_all_succeed_spread_over_all_three_nodes()
    {
        // The shipped watch interval: no node dies here, so no notice is lost, and the time is the one a user gets.
        var cluster = _cluster = await TestCluster.StartAsync();
        const string parent = "thousand";
        var childIds = ChildIds(parent, 1000);
        var entry = new { count = 1 };
        var clock = Stopwatch.StartNew();
        await cluster.Nodes[0].SubmitUntilAcceptedAsync("steps", new { count = 1, children = childIds.Select(_ => entry).ToList() }, parent);
        await cluster.Nodes[0].WaitForStateAsync(parent, TaskLifecycleState.Succeeded, TimeSpan.FromSeconds(600));
        var elapsed = clock.Elapsed;

        var journals = await cluster.Database.Journal.ReadTasksAsync([parent, .. childIds]);
        var accepted = journals[parent].Single(r => r.Manifest == "E-TA").Event.GetProperty("at").GetDateTimeOffset();
        var succeeded = SucceededAt(journals[parent])!.Value;
        var lastChild = childIds.Max(id => SucceededAt(journals[id]) ?? DateTimeOffset.MaxValue);
        var perNode = cluster.Nodes.Select(n => AcceptedOn(n, childIds)).ToList();
        var parentRecoveries = cluster.Nodes.Sum(n => Regex.Count(n.Output, $@"Task {parent} recovered in state"));
        var notices = journals[parent].Where(r => r.Manifest == "E-ATS").Select(r => r.Event.GetProperty("at").GetDateTimeOffset()).Order().ToList();
        var noticeSpan = notices[^1] - notices[0];
        Report(
            $"1000 children of one parent on 3 nodes: submit -> parent Succeeded seen by the test {elapsed.TotalSeconds:0.0} s; " +
            $"in the journals: parent accepted -> last child succeeded {(lastChild - accepted).TotalSeconds:0.0} s -> parent succeeded {(succeeded - lastChild).TotalSeconds:0.0} s later; " +
            $"the parent recorded its {notices.Count} E-ATS over {noticeSpan.TotalSeconds:0.0} s ({notices.Count / Math.Max(noticeSpan.TotalSeconds, 0.001):0}/s); " +
            $"children per node: {string.Join(" / ", perNode.Select(p => p.Count))}; the parent was read back from its journal {parentRecoveries} time(s)");

        Assert.All(perNode, p => Assert.NotEmpty(p));
        Assert.Equal(childIds.Count, perNode.Sum(p => p.Count));
        Assert.All(childIds, id => Assert.True(SucceededAt(journals[id]) is not null, $"child {id} has no E-TS"));
        Assert.All(childIds, id => AssertStartedOnce(id, journals[id]));
        AssertParentSettledEachChildOnce(journals[parent], childIds, SettledChildren(journals[parent]));
    }

    /// <summary>The ids the parent's second phase (index 1, after its one step) gives its children, on its first attempt.</summary>
    private static List<string> ChildIds(string parent, int children) =>
        [.. Enumerable.Range(1, children).Select(position => $"{parent}:2.1.{position}")];

    /// <summary>A steps parent with one step and then the children, each writing its lines to the file of its id.</summary>
    private static object ParentInput(TestCluster cluster, IReadOnlyList<string> childIds, int count, int delayMs) =>
        new { count = 1, children = childIds.Select(id => new { count, delayMs, journal = cluster.LinesFileOf(id) }).ToList() };

    /// <summary>The node that hosts the parent: the one that logged it starting its children.</summary>
    private static NodeProcess HomeOf(TestCluster cluster, string parent)
    {
        var homes = cluster.Nodes.Where(n => n.Output.Contains($"Task {parent} phase 2 'children' starts", StringComparison.Ordinal)).ToList();
        Assert.True(homes.Count == 1, $"{homes.Count} nodes logged that {parent} starts its children\n{cluster.OutputTail()}");
        return homes[0];
    }

    /// <summary>The tasks of <paramref name="ids"/> a node logged it accepted: the ones it hosted from their start.</summary>
    private static HashSet<string> AcceptedOn(NodeProcess node, IReadOnlyCollection<string> ids)
    {
        var wanted = ids.ToHashSet();
        return [.. Regex.Matches(node.Output, @"Task (\S+) accepted \(").Select(m => m.Groups[1].Value).Where(wanted.Contains)];
    }

    private static DateTimeOffset? SucceededAt(IReadOnlyList<JournalRow> journal) =>
        journal.SingleOrDefault(r => r.Manifest == "E-TS")?.Event.GetProperty("at").GetDateTimeOffset();

    /// <summary>What the parent recorded of each child (E-ATS), the first record per child.</summary>
    private static Dictionary<string, (string? State, DateTimeOffset At, int Records)> SettledChildren(IReadOnlyList<JournalRow> parentJournal) =>
        parentJournal.Where(r => r.Manifest == "E-ATS")
            .Select(r => r.Event)
            .GroupBy(e => e.GetProperty("otherTaskId").GetString()!)
            .ToDictionary(g => g.Key, g => (g.First().GetProperty("state").GetString(), g.First().GetProperty("at").GetDateTimeOffset(), g.Count()));

    /// <summary>The parent started its children's phase once, recorded each child Succeeded once, and succeeded.</summary>
    private static void AssertParentSettledEachChildOnce(IReadOnlyList<JournalRow> parentJournal, IReadOnlyList<string> childIds, Dictionary<string, (string? State, DateTimeOffset At, int Records)> settled)
    {
        var manifests = string.Join(", ", parentJournal.Select(r => r.Manifest).Distinct());
        Assert.True(parentJournal.Count(r => r.Manifest == "E-PS" && r.Index == 1) == 1, $"the children's phase was started more than once; parent's journal: {manifests}");
        Assert.DoesNotContain(parentJournal, r => r.Manifest == "E-PAF");
        Assert.NotNull(SucceededAt(parentJournal));
        Assert.Equal(childIds.Order(StringComparer.Ordinal), settled.Keys.Order(StringComparer.Ordinal));
        Assert.All(settled, s => Assert.True(s.Value is { State: "Succeeded", Records: 1 }, $"{s.Key}: recorded {s.Value.Records} time(s), first as {s.Value.State}"));
    }

    /// <summary>A child id was accepted once: a submission made again (after the parent recovered) found it and started nothing.</summary>
    private static void AssertStartedOnce(string id, IReadOnlyList<JournalRow> journal) =>
        Assert.True(journal.Count(r => r.Manifest == "E-TA") == 1, $"child {id}: {journal.Count(r => r.Manifest == "E-TA")} E-TA in its journal");

    private void Report(string line) => TestReport.Write(output, line);
}
