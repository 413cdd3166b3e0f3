namespace PhaseFlow.Contracts.Events;

/// <summary>The plan ended after its last phase completed. Terminal.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="At">When it succeeded.</param>
public sealed record TaskSucceeded(string TaskId, DateTimeOffset At) : ITaskEvent;
