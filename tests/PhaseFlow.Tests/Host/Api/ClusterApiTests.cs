using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary><c>GET /cluster</c> on a real one-node cluster: the member, its status and the task actors it hosts.</summary>
public sealed class ClusterApiTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Fact]
    public async Task Cluster_OfOneNode_ListsItUpAndReachable_AndCountsTheTaskItHosts()
    {
        await Node.SubmitAsync("steps", new { count = 1, delayMs = 600_000 }, $"hosted-{Guid.NewGuid():N}");

        var cluster = await Eventually.HoldsAsync(
            async () => (await Node.Http.GetFromJsonAsync<ClusterResource>(PhaseFlowApi.Cluster, NodeProcess.Json))!,
            view => Assert.True(view.TasksCounted && view.Nodes.Single().Tasks >= 1, $"tasks counted: {view.TasksCounted}, on the node: {view.Nodes.SingleOrDefault()?.Tasks}"));

        var node = Assert.Single(cluster.Nodes);
        Assert.Equal(Node.AkkaAddress, node.Address);
        Assert.Equal(Node.AkkaAddress, cluster.Self);
        Assert.Equal(Node.AkkaAddress, cluster.Leader);
        Assert.Equal("Up", node.Status);
        Assert.True(node.Reachable);
        Assert.Empty(node.Roles);
    }
}
