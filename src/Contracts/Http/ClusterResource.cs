namespace PhaseFlow.Contracts.Http;

/// <summary>The body of <c>GET /cluster</c>: the cluster as the answering node sees it.</summary>
/// <param name="Self">The answering node's cluster address.</param>
/// <param name="Leader">The cluster leader's address; <see langword="null"/> while there is none.</param>
/// <param name="Nodes">Every member, in address order.</param>
/// <param name="TasksCounted">
/// Whether <see cref="ClusterNodeResource.Tasks"/> could be counted; <see langword="false"/> when the shards did not
/// answer in time (while the cluster is changing), and then every node's count is <see langword="null"/>.
/// </param>
public sealed record ClusterResource(string Self, string? Leader, IReadOnlyList<ClusterNodeResource> Nodes, bool TasksCounted);
