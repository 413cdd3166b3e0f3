namespace PhaseFlow.Actors.Tasks;

/// <summary>The backoff of a failed attempt is over.</summary>
/// <param name="Index">The phase to attempt again.</param>
public sealed record RetryDue(int Index) : ITaskActorSignal;
