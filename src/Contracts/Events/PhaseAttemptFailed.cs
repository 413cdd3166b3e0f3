namespace PhaseFlow.Contracts.Events;

/// <summary>An attempt of a phase failed.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Index">The 0-based phase index.</param>
/// <param name="Name">The phase's name.</param>
/// <param name="Attempt">The 1-based attempt number that failed.</param>
/// <param name="Error">What it failed with.</param>
/// <param name="RetryAt">When the next attempt is due, or <see langword="null"/> when no retry is left (the task reverts).</param>
/// <param name="At">When it failed.</param>
public sealed record PhaseAttemptFailed(string TaskId, int Index, string Name, int Attempt, TaskError Error, DateTimeOffset? RetryAt, DateTimeOffset At) : ITaskEvent;
