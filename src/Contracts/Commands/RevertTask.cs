namespace PhaseFlow.Contracts.Commands;

/// <summary>
/// Reverts a task. A cancel is this command sent from outside with <see cref="RevertReason.Cancelled"/>; a task
/// whose phase failed sends it to itself with <see cref="RevertReason.Failed"/>. A running phase is signalled to stop first.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Reason">Why.</param>
/// <param name="Error">The failure, for <see cref="RevertReason.Failed"/>.</param>
public sealed record RevertTask(string TaskId, RevertReason Reason, TaskError? Error = null) : ITaskCommand;
