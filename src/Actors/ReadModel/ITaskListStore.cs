using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// The table behind <c>GET /tasks</c>: one row per task, fed by the task list projection, with the journal
/// position the projection has reached stored next to it.
/// </summary>
public interface ITaskListStore
{
    /// <summary>Creates the tables if they do not exist. Safe to call from several nodes at once.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tables exist.</returns>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Reads the journal position (ordering) of the last event applied; 0 when none was.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The position.</returns>
    Task<long> ReadOffsetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies a batch of events and records <paramref name="offset"/>, atomically. A change whose sequence number
    /// is not newer than its row's is ignored, so re-applying a batch (after a crash) changes nothing and a row
    /// never goes back to an older state.
    /// </summary>
    /// <param name="changes">The events, in journal order.</param>
    /// <param name="offset">The journal position of the last event in the batch.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the batch is committed.</returns>
    Task ApplyAsync(IReadOnlyList<TaskListChange> changes, long offset, CancellationToken cancellationToken);

    /// <summary>Reads one page of the list, newest first.</summary>
    /// <param name="query">The filters and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<TaskListPage> QueryAsync(TaskListQuery query, CancellationToken cancellationToken);
}
