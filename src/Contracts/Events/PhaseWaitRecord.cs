namespace PhaseFlow.Contracts.Events;

/// <summary>
/// What a waiting phase's attempt waits for, fixed when the attempt starts (so a restart, another node or a changed
/// definition wait for the same thing until the same time).
/// </summary>
/// <param name="Kind">A delay or a signal.</param>
/// <param name="Signal">The signal's name, for <see cref="PhaseWaitKind.Signal"/>.</param>
/// <param name="Until">When a delay ends, or when a signal wait times out; <see langword="null"/> for a signal wait without a timeout.</param>
public sealed record PhaseWaitRecord(PhaseWaitKind Kind, string? Signal, DateTimeOffset? Until);
