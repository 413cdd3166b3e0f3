namespace PhaseFlow.Contracts.Events;

/// <summary>
/// The undo of a phase finished (or the phase had no undo, or its undo had to be skipped). It never runs again.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Index">The 0-based phase index.</param>
/// <param name="At">When the undo finished.</param>
/// <param name="Skipped">
/// Why no undo ran, when one could not: the phase had not completed and the current task definition no longer
/// declares it, so its undo is unknown. <see langword="null"/> when the undo ran (or the phase declares none).
/// </param>
public sealed record PhaseReverted(string TaskId, int Index, DateTimeOffset At, string? Skipped = null) : ITaskEvent;
