using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Awaiting;

/// <summary>
/// From a task that waits for another (its child, or the task of a <c>WaitForTask</c> phase) to that task: answer now
/// with a <see cref="WatchedTaskState"/>, and send another when you finish. Both go through the shard region to the
/// watcher, wherever it lives by then.
/// </summary>
/// <remarks>
/// The later notice is kept in memory only, so the watcher asks again from time to time (and after it recovers); a
/// child also notifies its parent, which its journal names, whenever it finishes.
/// </remarks>
/// <param name="TaskId">The watched task.</param>
/// <param name="WatcherId">The task that waits for it.</param>
public sealed record WatchTask(string TaskId, string WatcherId) : IWithTaskId;
