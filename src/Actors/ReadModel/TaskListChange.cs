using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>One journaled task event on its way into the task list.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="SequenceNr">The event's sequence number in the task's journal; the list ignores events older than the row.</param>
/// <param name="Event">The event.</param>
/// <param name="RequiresPrevious">
/// Whether the event applies only when the row already holds the task's previous event. Set for events read ahead
/// of the settled journal, where an earlier event of the same task may not be visible yet: applied out of order, the
/// earlier one would later be ignored as older than the row.
/// </param>
public sealed record TaskListChange(string TaskId, long SequenceNr, ITaskEvent Event, bool RequiresPrevious = false);
