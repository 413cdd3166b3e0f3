namespace PhaseFlow.Contracts.Queries;

/// <summary>
/// The answer to <see cref="GetTaskStatus"/> when the task cannot be loaded right now (its journal cannot be read);
/// <see cref="Problem"/> says why and when it tries again.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Problem">What is wrong.</param>
public sealed record TaskUnavailable(string TaskId, TaskProblem Problem) : IWithTaskId;
