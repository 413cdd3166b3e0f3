using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Contracts.Http;

/// <summary>
/// One server-sent event of <c>GET /tasks/{id}/events</c>: a phase or state change, or a task it waits for that
/// finished, taken from the task's journal. The SSE <c>event</c> field is <see cref="TaskChangeKinds.Phase"/>,
/// <see cref="TaskChangeKinds.State"/> or <see cref="TaskChangeKinds.Awaited"/> and
/// the SSE <c>id</c> is <see cref="Sequence"/> (send it back as <c>Last-Event-ID</c> to resume).
/// </summary>
/// <param name="Sequence">The event's sequence number in the task's journal (1-based).</param>
/// <param name="Kind"><see cref="TaskChangeKinds.Phase"/>, <see cref="TaskChangeKinds.State"/> or <see cref="TaskChangeKinds.Awaited"/>.</param>
/// <param name="State">The task's state after the change (for <c>state</c> changes).</param>
/// <param name="PhaseIndex">The phase's index (for <c>phase</c> changes, and the waiting phase for <c>awaited</c> ones).</param>
/// <param name="PhaseName">The phase's name (for <c>phase</c> changes).</param>
/// <param name="PhaseState">The phase's state after the change (for <c>phase</c> changes).</param>
/// <param name="Attempt">The attempt that started (for a phase that started), or the waiting attempt (for <c>awaited</c> changes).</param>
/// <param name="Error">The error, for a failed attempt, a suspension, a failed revert, or a task waited for that failed or does not exist.</param>
/// <param name="At">When the change happened.</param>
/// <param name="Waiting">For a waiting phase that started: what it waits for (for child tasks, their ids).</param>
/// <param name="AwaitedTaskId">For <c>awaited</c> changes: the task that finished (a child, or the task a phase waits for).</param>
/// <param name="AwaitedState">
/// For <c>awaited</c> changes: how that task finished (Succeeded, Reverted or RevertFailed); <see langword="null"/> when
/// it does not exist or a child's submission was refused (see <paramref name="Error"/>).
/// </param>
public sealed record TaskChange(
    long Sequence,
    string Kind,
    TaskLifecycleState? State,
    int? PhaseIndex,
    string? PhaseName,
    PhaseLifecycleState? PhaseState,
    int? Attempt,
    ErrorResource? Error,
    DateTimeOffset At,
    PhaseWaitRecord? Waiting = null,
    string? AwaitedTaskId = null,
    TaskLifecycleState? AwaitedState = null);
