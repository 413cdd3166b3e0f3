namespace PhaseFlow.Contracts.Commands;

/// <summary>The reply to a command that changed nothing.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Code">The kind of rejection.</param>
/// <param name="Message">What was wrong and what is allowed, written for the person who sent the command.</param>
/// <param name="State">The task's state, when the task exists.</param>
public sealed record CommandRejected(string TaskId, RejectionCode Code, string Message, TaskLifecycleState? State = null) : ICommandReply;
