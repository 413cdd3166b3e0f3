using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Tests.Fixtures;
using Xunit;

namespace PhaseFlow.Tests.Actors.Hosting;

/// <summary>The health check: "starting" until the node's member is Up, then "ready" once the journal answers, and not ready once it left.</summary>
public sealed class PhaseFlowHealthTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task A_node_that_has_not_joined_is_starting_and_ready_once_it_has()
    {
        using var system = ActorSystem.Create("phaseflow", Config());
        var health = new PhaseFlowHealth(system, TimeSpan.FromSeconds(10));

        var before = await health.CheckAsync(CancellationToken.None);
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.SetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var after = await health.CheckAsync(CancellationToken.None);

        Assert.Equal(PhaseFlowHealth.Starting, before.Status);
        Assert.Contains("not Up yet", before.Detail, StringComparison.Ordinal);
        Assert.Equal(PhaseFlowHealth.Ready, after.Status);
        Assert.Null(after.Detail);
        await system.Terminate();
    }

    [Fact]
    public async Task A_node_that_left_the_cluster_is_not_ready()
    {
        using var system = ActorSystem.Create("phaseflow", Config());
        var health = new PhaseFlowHealth(system, TimeSpan.FromSeconds(10));
        var cluster = Cluster.Get(system);
        await cluster.JoinAsync(cluster.SelfAddress).WaitAsync(TimeSpan.FromSeconds(20));
        var ready = await health.CheckAsync(CancellationToken.None);

        // A one-node cluster that leaves is removed, and coordinated shutdown then stops its actor system.
        await cluster.LeaveAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await system.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(20));
        var left = await health.CheckAsync(CancellationToken.None);

        Assert.Equal(PhaseFlowHealth.Ready, ready.Status);
        Assert.Equal(PhaseFlowHealth.Starting, left.Status);
        Assert.Contains("was removed from the cluster", left.Detail, StringComparison.Ordinal);
    }

    private Config Config() =>
        ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }\nakka.loglevel = WARNING")
            .WithFallback(_database.Storage.ToConfig())
            .WithFallback(PhaseFlowHocon.Load());

    public void Dispose() => _database.Dispose();
}
