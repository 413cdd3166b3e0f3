using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// A notice that a task's journal holds events up to <paramref name="SequenceNr"/>. The task actor publishes it on its
/// node's event stream after each write; <see cref="TaskChangeRelay"/> carries it to every node, where it wakes the
/// event streams following that task. Notices may be lost: they only say "read now", the journal stays the truth.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="SequenceNr">The sequence number of the last event stored.</param>
public sealed record TaskEventsStored(string TaskId, long SequenceNr) : IPhaseFlowMessage;
