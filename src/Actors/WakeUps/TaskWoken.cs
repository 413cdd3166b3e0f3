using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.WakeUps;

/// <summary>
/// A task's answer to <see cref="WakeTask"/>: its actor is running (and, under sharding, remembered), so the wake-up's
/// row is no longer needed.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="DueUnixMs">The due time of the wake-up that woke it.</param>
public sealed record TaskWoken(string TaskId, long DueUnixMs) : IWithTaskId;
