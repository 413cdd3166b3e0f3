namespace PhaseFlow.Contracts.Http;

/// <summary>One member of the cluster in <see cref="ClusterResource"/>.</summary>
/// <param name="Address">The member's cluster address, e.g. <c>akka.tcp://phaseflow@10.0.0.5:4053</c>.</param>
/// <param name="Roles">The member's roles (<c>--roles</c>), sorted.</param>
/// <param name="Status">
/// The member's status: <c>Joining</c>, <c>WeaklyUp</c>, <c>Up</c>, <c>Leaving</c>, <c>Exiting</c>, <c>Down</c> or
/// <c>Removed</c>.
/// </param>
/// <param name="Reachable">Whether the answering node's failure detector reaches the member.</param>
/// <param name="Tasks">How many task actors the member hosts now (running tasks, and settled ones still in memory); <see langword="null"/> when not counted.</param>
public sealed record ClusterNodeResource(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, int? Tasks);
