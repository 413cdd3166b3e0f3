namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// Tells whether a task id was ever accepted, by reading the task journal directly: a task exists exactly when its
/// persistence id has events (the first one is always <c>TaskAccepted</c>, and events are never deleted).
/// </summary>
/// <remarks>
/// Asking the task actor instead would go through sharding, which starts (and, with remember-entities, stores) an
/// entity for every id it is asked about, and recovers its empty journal: a write per random id. This is one
/// indexed read and writes nothing.
/// </remarks>
public interface IAcceptedTasks
{
    /// <summary>Tells whether the task's journal has any events.</summary>
    /// <param name="taskId">The task's id (already checked with <see cref="Contracts.TaskIds.IsValid"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns><see langword="true"/> when a task with this id was accepted.</returns>
    /// <exception cref="System.Data.Common.DbException">The database could not be read.</exception>
    Task<bool> ContainsAsync(string taskId, CancellationToken cancellationToken);
}
