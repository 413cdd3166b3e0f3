namespace PhaseFlow.Contracts.Events;

/// <summary>
/// The recovered plan no longer matches the journal (the task definition changed while the task was in flight).
/// Nothing runs until an operator cancels the task, which reverts what was recorded.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Error">Which index differs, the recorded name and the name the plan yields now.</param>
/// <param name="At">When the mismatch was found.</param>
public sealed record TaskSuspended(string TaskId, TaskError Error, DateTimeOffset At) : ITaskEvent;
