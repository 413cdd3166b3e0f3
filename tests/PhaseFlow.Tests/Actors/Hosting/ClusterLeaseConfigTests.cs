using Akka.Configuration;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.Persistence;
using Xunit;

namespace PhaseFlow.Tests.Actors.Hosting;

/// <summary>What a node on PostgreSQL runs with on top of <c>hocon/phaseflow.conf</c>, as the actor system will read it.</summary>
public sealed class ClusterLeaseConfigTests
{
    private static readonly Config Base = PhaseFlowHocon.Load();

    [Fact]
    public void A_node_on_PostgreSQL_fences_its_shards_and_resolves_partitions_with_the_database_lease()
    {
        var options = new PhaseFlowOptions { PostgresConnectionString = "Host=127.0.0.1;Database=phaseflow;Password=a\"b" };

        var config = ClusterLeaseConfig.From(options, Base).WithFallback(Base);

        Assert.Equal("lease-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(ClusterLeaseConfig.ResolverLeasePath, config.GetString("akka.cluster.split-brain-resolver.lease-majority.lease-implementation"));
        Assert.Equal(options.PostgresConnectionString, config.GetString("phaseflow.resolver-lease.connection-string"));
        Assert.Equal(ClusterLeaseConfig.LeasePath, config.GetString("akka.cluster.sharding.use-lease"));
        Assert.Equal(options.PostgresConnectionString, config.GetString("phaseflow.cluster-lease.connection-string"));
        Assert.Equal("PhaseFlow.Actors.Coordination.PostgresLease, PhaseFlow.Actors", config.GetString("phaseflow.cluster-lease.lease-class"));

        // The timings the lease makes safe, and the one that keeps them apart: a holder lets go two heartbeats before
        // its lease expires, so the interval must stay under half the time to live (Akka checks that too).
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), config.GetTimeSpan("akka.cluster.down-removal-margin"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
        foreach (var lease in new[] { ClusterLeaseConfig.LeasePath, ClusterLeaseConfig.ResolverLeasePath })
        {
            var ttl = config.GetTimeSpan($"{lease}.heartbeat-timeout");
            var interval = config.GetTimeSpan($"{lease}.heartbeat-interval");
            Assert.True(interval * 2 < ttl, lease);
        }

        // A dead resolver's lease is free before the next decision can come: detection alone (interval + pause) takes longer.
        var detection = config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval") + config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause");
        Assert.True(config.GetTimeSpan("phaseflow.resolver-lease.heartbeat-timeout") <= detection + config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
    }

    [Fact]
    public void A_node_on_SQLite_keeps_the_base_keep_majority_settings()
    {
        var config = ClusterLeaseConfig.From(new PhaseFlowOptions(), Base).WithFallback(Base);

        Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(string.Empty, config.GetString("akka.cluster.sharding.use-lease", string.Empty));
        Assert.Equal(TimeSpan.FromSeconds(7), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
    }
}
