namespace PhaseFlow.Contracts.Http;

/// <summary>
/// One server-sent event of <c>GET /tasks/{id}/events</c>: a phase or state change, taken from the task's journal.
/// The SSE <c>event</c> field is <see cref="TaskChangeKinds.Phase"/> or <see cref="TaskChangeKinds.State"/> and
/// the SSE <c>id</c> is <see cref="Sequence"/> (send it back as <c>Last-Event-ID</c> to resume).
/// </summary>
/// <param name="Sequence">The event's sequence number in the task's journal (1-based).</param>
/// <param name="Kind"><see cref="TaskChangeKinds.Phase"/> or <see cref="TaskChangeKinds.State"/>.</param>
/// <param name="State">The task's state after the change (for <c>state</c> changes).</param>
/// <param name="PhaseIndex">The phase's index (for <c>phase</c> changes).</param>
/// <param name="PhaseName">The phase's name (for <c>phase</c> changes).</param>
/// <param name="PhaseState">The phase's state after the change (for <c>phase</c> changes).</param>
/// <param name="Attempt">The attempt that started (for a phase that started).</param>
/// <param name="Error">The error, for a failed attempt, a suspension or a failed revert.</param>
/// <param name="At">When the change happened.</param>
public sealed record TaskChange(
    long Sequence,
    string Kind,
    TaskLifecycleState? State,
    int? PhaseIndex,
    string? PhaseName,
    PhaseLifecycleState? PhaseState,
    int? Attempt,
    ErrorResource? Error,
    DateTimeOffset At);
