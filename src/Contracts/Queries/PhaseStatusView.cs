using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Contracts.Queries;

/// <summary>One phase as the journal knows it.</summary>
/// <param name="Index">The 0-based phase index.</param>
/// <param name="Name">The phase's name.</param>
/// <param name="State">Running, Completed, Failed or Reverted.</param>
/// <param name="Attempts">How many attempts started.</param>
/// <param name="OutputJson">The recorded output, once completed.</param>
/// <param name="Error">The error of the latest failed attempt, if any.</param>
/// <param name="StartedAt">When the first attempt started.</param>
/// <param name="CompletedAt">When it completed.</param>
/// <param name="RetryAt">When the next attempt is due, while waiting for a retry.</param>
/// <param name="Progress">The latest progress the running attempt reported (not journaled).</param>
/// <param name="Stopping">Set while the running attempt has been told to stop (timed out or cancelled) and its body has not returned yet.</param>
/// <param name="Waiting">What the phase waits for (a delay or a signal, and until when), while a waiting phase waits.</param>
public sealed record PhaseStatusView(
    int Index,
    string Name,
    PhaseLifecycleState State,
    int Attempts,
    string? OutputJson,
    TaskError? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? RetryAt,
    PhaseProgress? Progress,
    PhaseStopping? Stopping = null,
    PhaseWaitRecord? Waiting = null);
