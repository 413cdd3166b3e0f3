namespace PhaseFlow.Contracts.Http;

/// <summary>The body of <c>GET /throughput</c>: phases completed per second on the answering node.</summary>
/// <param name="Until">The start of the last (current, unfinished) second counted.</param>
/// <param name="PhasesCompleted">One count per second, oldest first, ending with the second that starts at <see cref="Until"/>.</param>
public sealed record ThroughputResource(DateTimeOffset Until, IReadOnlyList<long> PhasesCompleted);
