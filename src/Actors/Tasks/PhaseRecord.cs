using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.Tasks;

/// <summary>One phase as the journal knows it; part of <see cref="TaskState"/>.</summary>
/// <param name="Index">The 0-based phase index.</param>
/// <param name="Name">The phase's name as recorded.</param>
/// <param name="State">Running (an attempt is in flight or a retry is due), Completed, Failed or Reverted.</param>
/// <param name="Attempts">The number of the latest attempt started.</param>
/// <param name="OutputJson">The recorded output, once completed.</param>
/// <param name="Error">The error of the latest failed attempt.</param>
/// <param name="StartedAt">When the first attempt started.</param>
/// <param name="CompletedAt">When it completed; <see langword="null"/> for a phase that never completed (also once reverted).</param>
/// <param name="RetryAt">When the next attempt is due, while a retry is pending.</param>
/// <param name="Interruptions">How many runs of the latest attempt were interrupted in a row by the node stopping.</param>
/// <param name="Wait">What the latest attempt waits for, for a waiting phase (a delay or a signal); <see langword="null"/> for a phase that runs code.</param>
public sealed record PhaseRecord(
    int Index,
    string Name,
    PhaseLifecycleState State,
    int Attempts,
    string? OutputJson,
    TaskError? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? RetryAt,
    int Interruptions = 0,
    PhaseWaitRecord? Wait = null)
{
    /// <summary>Gets a value indicating whether the phase completed at some point (it may have been reverted since).</summary>
    public bool HasCompleted => CompletedAt is not null;

    /// <summary>Gets a value indicating whether the revert still has to undo this phase: it started and is not reverted yet.</summary>
    public bool AwaitsUndo => State != PhaseLifecycleState.Reverted;
}
