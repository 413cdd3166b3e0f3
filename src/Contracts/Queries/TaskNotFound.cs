namespace PhaseFlow.Contracts.Queries;

/// <summary>No task has been submitted under this id.</summary>
/// <param name="TaskId">The id that was asked for.</param>
public sealed record TaskNotFound(string TaskId) : IWithTaskId;
