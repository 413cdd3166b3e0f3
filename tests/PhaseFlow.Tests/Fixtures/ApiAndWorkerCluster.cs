using PhaseFlow.Tests.Host.Node;
using Xunit;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Two real nodes: node 0 serves the HTTP API and hosts no task (<c>--roles api --task-role worker</c>), node 1 hosts
/// every task. Every task message sent through node 0, and every answer, crosses between the two processes. Both load
/// the sample task assembly (<c>write-file</c>).
/// </summary>
public sealed class ApiAndWorkerCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Gets the node without the task role.</summary>
    public NodeProcess Api => Cluster.Nodes[0];

    /// <summary>Gets the node that hosts the tasks.</summary>
    public NodeProcess Worker => Cluster.Nodes[1];

    public async Task InitializeAsync() => Cluster = await TestCluster.StartAsync(
        size: 2,
        flagsOf: i => [.. i == 0 ? ["--roles", "api"] : new[] { "--roles", "worker" }, "--task-role", "worker", "--tasks-assembly", NodeStartupTests.SampleTasksAssembly]);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
