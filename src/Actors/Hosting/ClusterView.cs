using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.Hosting;

/// <summary>The cluster as this node sees it, for <c>GET /cluster</c>: its members and the tasks each one hosts.</summary>
/// <param name="system">The node's actor system.</param>
/// <param name="region">The task shard region (or proxy) of this node.</param>
/// <param name="timeout">How long the shard regions may take to report their tasks.</param>
public sealed class ClusterView(ActorSystem system, Func<CancellationToken, Task<IActorRef>> region, TimeSpan timeout)
{
    /// <summary>Reads the members and counts the task actors on each.</summary>
    /// <param name="cancellationToken">Stops the wait for the counts.</param>
    /// <returns>The view; counts left out (<see cref="ClusterResource.TasksCounted"/> false) when the regions did not all answer in time.</returns>
    public async Task<ClusterResource> ReadAsync(CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(system);
        var tasks = await CountTasksAsync(cluster.SelfAddress, cancellationToken).ConfigureAwait(false);
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        var nodes = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterNodeResource(
                m.Address.ToString(),
                [.. m.Roles.Where(r => !r.StartsWith("dc-", StringComparison.Ordinal)).Order(StringComparer.Ordinal)],
                m.Status.ToString(),
                !unreachable.Contains(m.Address),
                tasks is null ? null : tasks.GetValueOrDefault(m.Address)))
            .ToList();
        return new ClusterResource(cluster.SelfAddress.ToString(), state.Leader?.ToString(), nodes, tasks is not null);
    }

    private async Task<Dictionary<Address, int>?> CountTasksAsync(Address self, CancellationToken cancellationToken)
    {
        try
        {
            var shards = await region(cancellationToken).ConfigureAwait(false);
            var stats = await shards.Ask<ClusterShardingStats>(new GetClusterShardingStats(timeout), timeout + timeout, cancellationToken).ConfigureAwait(false);

            // An empty answer means not every region answered in time: no numbers rather than wrong ones.
            if (stats.Regions.Count == 0)
            {
                return null;
            }

            // This node's own region is keyed by its local address (no host or port).
            return stats.Regions.ToDictionary(r => r.Key.HasLocalScope ? self : r.Key, r => r.Value.Stats.Values.Sum());
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }
}
