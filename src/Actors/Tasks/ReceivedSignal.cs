namespace PhaseFlow.Actors.Tasks;

/// <summary>A signal a task received (a <see cref="Contracts.Events.SignalReceived"/> event).</summary>
/// <param name="Name">The signal's name.</param>
/// <param name="PayloadJson">Its payload as JSON, or <see langword="null"/>.</param>
/// <param name="SignalId">The sender's id for it, or <see langword="null"/>.</param>
/// <param name="Used">Whether a signal wait has taken it.</param>
public sealed record ReceivedSignal(string Name, string? PayloadJson, string? SignalId, bool Used);
