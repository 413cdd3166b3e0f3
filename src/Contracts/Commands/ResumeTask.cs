namespace PhaseFlow.Contracts.Commands;

/// <summary>
/// Continues a <see cref="TaskLifecycleState.Suspended"/> task once its task type's definition matches the journal
/// again (for example after the previous version was redeployed). Answered with <see cref="CommandAccepted"/>, or
/// <see cref="CommandRejected"/> saying where the plan still differs.
/// </summary>
/// <param name="TaskId">The task's id.</param>
public sealed record ResumeTask(string TaskId) : ITaskCommand;
