using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Cluster;

/// <summary>
/// <c>--task-role</c>: a node without the role serves the HTTP API and forwards every task to the nodes that have
/// it; it never hosts a task itself. Any node serves any task, to the HTTP API and the CLI.
/// </summary>
public sealed class ClusterRoleTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(
        flagsOf: i => i == 0 ? ["--roles", "api", "--task-role", "worker"] : ["--roles", "worker", "--task-role", "worker"]);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Tasks_submitted_to_a_node_without_the_task_role_run_on_the_nodes_with_it()
    {
        var api = _cluster.Nodes[0];
        var ids = Enumerable.Range(0, 12).Select(i => $"role-{i}").ToList();
        foreach (var id in ids)
        {
            await api.SubmitAsync("steps", new { count = 2, journal = _cluster.LinesFileOf(id) }, id);
        }

        foreach (var id in ids)
        {
            await api.WaitForStateAsync(id, TaskLifecycleState.Succeeded, TimeSpan.FromSeconds(60));
            StepsJournal.AssertRanOnce(id, _cluster.LinesOf(id), 2);
        }

        // The CLI reads a task through any node.
        foreach (var node in _cluster.Nodes)
        {
            var (exitCode, stdout, stderr) = await NodeProcess.RunToExitAsync(_cluster.Folder, "status", ids[0], "--server", node.Http.BaseAddress!.ToString());
            Assert.True(exitCode == 0, stderr);
            Assert.Contains("Succeeded", stdout, StringComparison.Ordinal);
        }

        // The task actor logs "Task <id> accepted" on the node that hosts it.
        Assert.All(ids, id => Assert.DoesNotContain($"Task {id} accepted", api.Output, StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Contains(_cluster.Nodes.Skip(1), worker => worker.Output.Contains($"Task {id} accepted", StringComparison.Ordinal)));
    }
}
