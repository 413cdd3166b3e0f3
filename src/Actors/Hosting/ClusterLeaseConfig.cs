using Akka.Configuration;
using PhaseFlow.Actors.Persistence;

namespace PhaseFlow.Actors.Hosting;

/// <summary>
/// What a cluster on PostgreSQL adds to the base configuration: leases in the shared database for every shard and for
/// the split-brain resolver, and the shorter failover timings they make safe (<c>phaseflow.postgres-cluster</c>,
/// <c>phaseflow.cluster-lease</c> and <c>phaseflow.resolver-lease</c> in <c>hocon/phaseflow.conf</c>).
/// </summary>
internal static class ClusterLeaseConfig
{
    /// <summary>The configuration section of the lease each shard of tasks runs under.</summary>
    public const string LeasePath = "phaseflow.cluster-lease";

    /// <summary>The configuration section of the split-brain resolver's lease.</summary>
    public const string ResolverLeasePath = "phaseflow.resolver-lease";

    /// <summary>Gets the configuration to layer over the base one; empty for a node on SQLite (a cluster of one).</summary>
    /// <param name="options">The node's options.</param>
    /// <param name="baseConfig">The base configuration (<c>hocon/phaseflow.conf</c>).</param>
    /// <returns>The configuration.</returns>
    public static Config From(PhaseFlowOptions options, Config baseConfig)
    {
        if (options.PostgresConnectionString is not { } connectionString)
        {
            return Config.Empty;
        }

        var quoted = HoconString.Quote(connectionString);
        return ConfigurationFactory.ParseString($"{LeasePath}.connection-string = {quoted}\n{ResolverLeasePath}.connection-string = {quoted}")
            .WithFallback(baseConfig.GetConfig("phaseflow.postgres-cluster"));
    }
}
