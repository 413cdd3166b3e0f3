using System.Net;
using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>Submissions and queries through different nodes of a three-node cluster: one task per id, visible from every node.</summary>
public sealed class ClusterSubmissionTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Same_id_submitted_to_two_nodes_at_the_same_moment_is_one_task()
    {
        var ids = Enumerable.Range(0, 10).Select(i => $"twice-{i}").ToList();
        foreach (var id in ids)
        {
            var body = new { id, type = "steps", input = new { count = 3, delayMs = 50, journal = _cluster.LinesFileOf(id) } };
            var answers = await Task.WhenAll(
                _cluster.Nodes[0].Http.PostAsJsonAsync(PhaseFlowApi.Tasks, body, NodeProcess.Json),
                _cluster.Nodes[1].Http.PostAsJsonAsync(PhaseFlowApi.Tasks, body, NodeProcess.Json));

            // One submission creates the task (202); the other is the same task again (200, or 202 if it came second in a dead heat).
            foreach (var answer in answers)
            {
                Assert.True(answer.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{id}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
            }
        }

        await _cluster.WaitForStateAsync(ids, TaskLifecycleState.Succeeded, Patience);
        foreach (var id in ids)
        {
            Assert.Single((await _cluster.Database.Journal.ReadTaskAsync(id)).Manifests(), m => m == "E-TA");
            StepsJournal.AssertRanOnce(id, _cluster.LinesOf(id), 3);
        }

        // The task list comes from the shared read model: every node lists every task.
        foreach (var node in _cluster.Nodes)
        {
            await WaitForListedAsync(node, ids);
        }
    }

    private static Task WaitForListedAsync(NodeProcess node, IReadOnlyList<string> ids) =>
        Eventually.HoldsAsync(
            async () => (await node.Http.GetFromJsonAsync<TaskListPage>($"{PhaseFlowApi.Tasks}?state=Succeeded&limit=100", NodeProcess.Json))!.Items.Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToList(),
            listed => Assert.Equal(ids.Order(), listed.Order()),
            Patience);
}
