namespace PhaseFlow.Contracts.Events;

/// <summary>The undo of a completed phase finished (or the phase had no undo). It never runs again.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Index">The 0-based phase index.</param>
/// <param name="At">When the undo finished.</param>
public sealed record PhaseReverted(string TaskId, int Index, DateTimeOffset At) : ITaskEvent;
