namespace PhaseFlow.Contracts.Commands;

/// <summary>
/// Delivers a named signal to a task. Answered with <see cref="CommandAccepted"/> when the signal completed the phase
/// waiting for it, or was kept because the task's type declares it; <see cref="CommandRejected"/> otherwise
/// (<see cref="RejectionCode.NotFound"/>, or <see cref="RejectionCode.InvalidState"/> when the task neither waits for
/// this signal nor declares it, or has finished).
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Name">The signal's name (see <see cref="SignalNames"/>).</param>
/// <param name="PayloadJson">The payload as JSON, or <see langword="null"/> for none; the waiting phase's output.</param>
/// <param name="SignalId">
/// An id the sender chooses to make delivery idempotent: a signal whose id the task has already received is accepted
/// again and changes nothing. <see langword="null"/> for none.
/// </param>
public sealed record SignalTask(string TaskId, string Name, string? PayloadJson, string? SignalId = null) : ITaskCommand;
