namespace PhaseFlow.Contracts.Events;

/// <summary>An attempt of a phase started. If the node crashes now, the phase runs again after recovery.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Index">The 0-based phase index.</param>
/// <param name="Name">The phase's name, compared on recovery with what the plan yields.</param>
/// <param name="Attempt">The 1-based attempt number.</param>
/// <param name="At">When it started.</param>
public sealed record PhaseStarted(string TaskId, int Index, string Name, int Attempt, DateTimeOffset At) : ITaskEvent;
