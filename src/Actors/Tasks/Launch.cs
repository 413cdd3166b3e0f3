namespace PhaseFlow.Actors.Tasks;

/// <summary>The work the actor launched last, with the token source that tells it to stop.</summary>
/// <param name="RunId">The launch id.</param>
/// <param name="Cancellation">Signalled on cancel and when the actor stops.</param>
internal sealed record Launch(int RunId, CancellationTokenSource Cancellation);
