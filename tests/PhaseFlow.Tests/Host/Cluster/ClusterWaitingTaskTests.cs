using System.Net;
using System.Text;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// Tasks that wait out of memory in a three-node cluster on PostgreSQL: one node is killed while they wait, and the
/// survivors carry on, a delay woken from the wake-up table at its time, a signal delivered through any node.
/// </summary>
public sealed class ClusterWaitingTaskTests : IAsyncLifetime
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
    public async Task Kill_9_of_a_node_while_tasks_wait_delays_end_on_time_and_signals_sent_to_a_survivor_complete_their_waits()
    {
        var cluster = _cluster = await TestCluster.StartAsync();
        var delayed = Enumerable.Range(0, 6).Select(i => $"delay-{i}").ToList();
        var signalled = Enumerable.Range(0, 6).Select(i => $"signal-{i}").ToList();

        // 25 s: longer than SleepAfter (10 s), so each delay is stored as a wake-up and its task leaves memory.
        await cluster.SubmitStepsAsync(delayed, id => new { count = 1, waitMs = 25_000, journal = cluster.LinesFileOf(id) });
        await cluster.SubmitStepsAsync(signalled, id => new { count = 1, waitForSignal = "go", journal = cluster.LinesFileOf(id) });
        await cluster.WaitForLinesAsync([.. delayed, .. signalled], 1, Patience);
        await Eventually.HoldsAsync(
            () => cluster.Database.QueryAsync<string>("SELECT task_id FROM task_wakeup"),
            rows => Assert.Equal(delayed, rows.Order()),
            Patience,
            cluster.OutputTail);

        await cluster.Nodes[0].KillAsync();
        var survivor = cluster.Nodes[1];

        // Delivered through a survivor, whichever node held the task; a 503 while the cluster downs the dead node is retried.
        foreach (var id in signalled)
        {
            await Eventually.HoldsAsync(
                async () =>
                {
                    using var response = await survivor.Http.PostAsync(PhaseFlowApi.Signal(id, "go", $"{id}-go"), new StringContent($"\"{id}\"", Encoding.UTF8, "application/json"));
                    return (response.StatusCode, await response.Content.ReadAsStringAsync());
                },
                answer => Assert.True(answer.StatusCode == HttpStatusCode.Accepted, $"signal to {id}: {(int)answer.StatusCode} {answer.Item2}"),
                Patience,
                cluster.OutputTail);
        }

        await cluster.WaitForStateAsync([.. delayed, .. signalled], TaskLifecycleState.Succeeded, Patience);
        var journals = await cluster.Database.Journal.ReadTasksAsync([.. delayed, .. signalled]);
        foreach (var id in delayed)
        {
            var rows = journals[id];
            var until = rows.Single(r => r.Manifest == "E-PS" && r.Index == 1).Event.GetProperty("wait").GetProperty("until").GetDateTimeOffset();
            var ended = rows.Single(r => r.Manifest == "E-PC" && r.Index == 1).Event.GetProperty("at").GetDateTimeOffset();
            Assert.True(ended >= until, $"{id}: its delay ended at {ended:O}, before {until:O}");
            Assert.Equal([0, 1], rows.IndexesOf("E-PC"));
        }

        foreach (var id in signalled)
        {
            var completed = journals[id].Single(r => r.Manifest == "E-PC" && r.Index == 1).Event;
            Assert.Equal($"\"{id}\"", completed.GetProperty("outputJson").GetString());
            Assert.Single(journals[id], r => r.Manifest == "E-SR");
        }

        // Each step ran once; the waits ran no code, and nothing ran again after the kill.
        Assert.All([.. delayed, .. signalled], id => Assert.Equal(["run 0"], cluster.LinesOf(id)));
        Assert.Empty(await cluster.Database.QueryAsync<string>("SELECT task_id FROM task_wakeup"));
    }
}
