namespace PhaseFlow.Contracts.Commands;

/// <summary>
/// Cancels a task: its running phase's token is signalled, and once the phase's body has returned the revert undoes
/// what the task did. Answered with <see cref="CommandAccepted"/> or <see cref="CommandRejected"/>.
/// </summary>
/// <remarks>
/// A pending, running or suspended task can be cancelled. A task that is already reverting, reverted, succeeded or
/// whose revert failed cannot (use <see cref="RetryRevert"/> for the last). Cancelling twice is accepted and changes
/// nothing the second time.
/// </remarks>
/// <param name="TaskId">The task's id.</param>
public sealed record CancelTask(string TaskId) : ITaskCommand;
