using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>Reads the events one task's journal holds now.</summary>
public interface ITaskEventReader
{
    /// <summary>Reads a task's stored events from a sequence number on, in order.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="fromSequence">The first sequence number to read.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>Every stored event from <paramref name="fromSequence"/> on, with its sequence number; an entry that is not a task event has no event (<see langword="null"/>) but still counts as read.</returns>
    Task<IReadOnlyList<(long SequenceNr, ITaskEvent? Event)>> ReadAsync(string taskId, long fromSequence, CancellationToken cancellationToken);
}
