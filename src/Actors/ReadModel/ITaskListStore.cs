using PhaseFlow.Contracts;
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

    /// <summary>Reads the journal position the list is complete up to; <see cref="JournalPosition.Start"/> when nothing was applied.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The position.</returns>
    Task<JournalPosition> ReadPositionAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Applies a batch of events and records <paramref name="position"/>, atomically; a stored position never moves
    /// back. A change whose sequence number is not newer than its row's is ignored (and one that
    /// <see cref="TaskListChange.RequiresPrevious"/> is ignored unless it directly follows the row's), so re-applying
    /// a batch (after a crash, or an event shown early) changes nothing and a row never goes back to an older state.
    /// </summary>
    /// <param name="changes">The events, each task's in its journal order.</param>
    /// <param name="position">The position the list is complete up to once the batch is applied.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the batch is committed.</returns>
    Task ApplyAsync(IReadOnlyList<TaskListChange> changes, JournalPosition position, CancellationToken cancellationToken);

    /// <summary>Reads one page of the list, newest first.</summary>
    /// <param name="query">The filters and page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    Task<TaskListPage> QueryAsync(TaskListQuery query, CancellationToken cancellationToken);

    /// <summary>Counts the listed tasks in each state (states without a task are left out).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The number of tasks by state.</returns>
    Task<IReadOnlyDictionary<TaskLifecycleState, long>> CountByStateAsync(CancellationToken cancellationToken);
}
