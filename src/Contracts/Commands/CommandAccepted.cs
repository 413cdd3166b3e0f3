namespace PhaseFlow.Contracts.Commands;

/// <summary>The reply to an accepted <see cref="CancelTask"/>, <see cref="RetryRevert"/> or <see cref="ResumeTask"/>; the change is already stored.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="State">The task's state now.</param>
public sealed record CommandAccepted(string TaskId, TaskLifecycleState State) : ICommandReply;
