using Akka.Cluster.Sharding;
using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Sharding;

/// <summary>
/// Routes every <see cref="IWithTaskId"/> message to the task actor whose entity id is the task id.
/// </summary>
/// <remarks>
/// The shard count is fixed for the life of a cluster's data (remembered entities are stored per shard): about ten
/// shards per node of the largest cluster you expect. The default, 100, suits up to ten nodes.
/// </remarks>
public sealed class TaskMessageExtractor : HashCodeMessageExtractor
{
    /// <summary>Initializes the extractor.</summary>
    /// <param name="numberOfShards">The fixed number of shards.</param>
    public TaskMessageExtractor(int numberOfShards)
        : base(numberOfShards)
    {
    }

    /// <inheritdoc/>
    public override string? EntityId(object message) => (message as IWithTaskId)?.TaskId;
}
