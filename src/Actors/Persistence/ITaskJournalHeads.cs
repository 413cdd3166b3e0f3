namespace PhaseFlow.Actors.Persistence;

/// <summary>
/// Reads how far many tasks' journals reach, in one query: the event streams' safety check asks it for every task
/// a node has a stream open on, so a stream re-reads its task's events only when they have moved on.
/// </summary>
public interface ITaskJournalHeads
{
    /// <summary>Reads the sequence number of each task's last stored event.</summary>
    /// <param name="taskIds">The tasks' ids.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Each task's last sequence number; a task with no stored event is absent.</returns>
    /// <exception cref="System.Data.Common.DbException">The database could not be read.</exception>
    Task<IReadOnlyDictionary<string, long>> ReadAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken);
}
