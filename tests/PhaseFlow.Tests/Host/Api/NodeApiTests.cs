using System.Net.Http.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Host.Api;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Host.Api;

/// <summary>The routes about the node rather than one task, on a real node: <c>GET /cluster</c> and <c>GET /throughput</c>.</summary>
public sealed class NodeApiTests(SharedNode shared) : IClassFixture<SharedNode>
{
    private NodeProcess Node => shared.Node;

    [Fact]
    public async Task Cluster_OfOneNode_ListsItUpAndReachable_AndCountsTheTaskItHosts()
    {
        await Node.SubmitUntilAcceptedAsync("steps", new { count = 1, delayMs = 600_000 }, $"hosted-{Guid.NewGuid():N}");

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

    [Fact]
    public async Task Throughput_CountsThePhasesThatCompleteOnTheNode()
    {
        var before = (await Node.Http.GetFromJsonAsync<ThroughputResource>($"{PhaseFlowApi.Throughput}?seconds=600", NodeProcess.Json))!;
        var id = $"counted-{Guid.NewGuid():N}";
        await Node.SubmitUntilAcceptedAsync("steps", new { count = 3 }, id);
        await Node.WaitForStateAsync(id, TaskLifecycleState.Succeeded);

        var after = (await Node.Http.GetFromJsonAsync<ThroughputResource>($"{PhaseFlowApi.Throughput}?seconds=600", NodeProcess.Json))!;

        Assert.Equal(600, after.PhasesCompleted.Count);
        Assert.True(after.PhasesCompleted.Sum() >= before.PhasesCompleted.Sum() + 3, $"before {before.PhasesCompleted.Sum()}, after {after.PhasesCompleted.Sum()}");
        Assert.True(after.Until >= before.Until);
        Assert.Equal(NodeEndpoints.DefaultThroughputSeconds, (await Node.Http.GetFromJsonAsync<ThroughputResource>(PhaseFlowApi.Throughput, NodeProcess.Json))!.PhasesCompleted.Count);
    }

    [Theory]
    [InlineData("?seconds=0", "seconds must be one whole number from 1 to 600; it is '0'.")]
    [InlineData("?seconds=601", "seconds must be one whole number from 1 to 600; it is '601'.")]
    [InlineData("?seconds=ten", "seconds must be one whole number from 1 to 600; it is 'ten'.")]
    [InlineData("?seconds=1&seconds=2", "seconds must be one whole number from 1 to 600; it is '1,2'.")]
    [InlineData("?minutes=5", "Unknown query parameter 'minutes'; /throughput takes only seconds.")]
    public async Task Throughput_WithABadQuery_Is400SayingWhatIsAllowed(string query, string detail)
    {
        var problem = await ProblemResponse.ReadAsync(await Node.Http.GetAsync(PhaseFlowApi.Throughput + query), System.Net.HttpStatusCode.BadRequest);

        Assert.Equal(detail, problem.Detail);
    }
}
