using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.WakeUps;

/// <summary>
/// From a node's <see cref="TaskWaker"/> to a task whose wake-up is due: sharding starts (and remembers) the task's
/// actor if it left memory, the actor recovers and carries on, and answers <see cref="TaskWoken"/>.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="DueUnixMs">The wake-up's due time, which the answer carries back.</param>
public sealed record WakeTask(string TaskId, long DueUnixMs) : IWithTaskId;
