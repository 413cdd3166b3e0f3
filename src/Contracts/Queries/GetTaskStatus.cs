namespace PhaseFlow.Contracts.Queries;

/// <summary>Asks a task for its status; answered with <see cref="TaskStatusView"/> or <see cref="TaskNotFound"/>.</summary>
/// <param name="TaskId">The task's id.</param>
public sealed record GetTaskStatus(string TaskId) : IWithTaskId;
