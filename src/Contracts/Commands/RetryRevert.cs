namespace PhaseFlow.Contracts.Commands;

/// <summary>Runs the revert of a task in <see cref="TaskLifecycleState.RevertFailed"/> again, from where it stopped.</summary>
/// <param name="TaskId">The task's id.</param>
public sealed record RetryRevert(string TaskId) : ITaskCommand;
