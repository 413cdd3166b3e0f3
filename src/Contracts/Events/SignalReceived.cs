namespace PhaseFlow.Contracts.Events;

/// <summary>
/// A named signal reached the task. Either it completed the signal wait in flight (<see cref="PhaseIndex"/>), or the
/// task's type declares it and it is kept until a phase waits for it.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Name">The signal's name.</param>
/// <param name="PayloadJson">The signal's payload as JSON, or <see langword="null"/> for none.</param>
/// <param name="SignalId">The sender's id for this signal, if it gave one: the same id again is accepted and changes nothing.</param>
/// <param name="PhaseIndex">The signal wait it completed, or <see langword="null"/> when it is kept for later.</param>
/// <param name="At">When it arrived.</param>
public sealed record SignalReceived(string TaskId, string Name, string? PayloadJson, string? SignalId, int? PhaseIndex, DateTimeOffset At) : ITaskEvent;
