using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>One journaled task event on its way into the task list.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="SequenceNr">The event's sequence number in the task's journal; the list ignores events older than the row.</param>
/// <param name="Event">The event.</param>
public sealed record TaskListChange(string TaskId, long SequenceNr, ITaskEvent Event);
