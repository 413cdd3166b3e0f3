namespace PhaseFlow.Actors.ReadModel;

/// <summary>One row of the task journal as stored: where it is, whose it is, and its payload still serialised.</summary>
/// <param name="Position">Where the row is in the order the task list reads the journal.</param>
/// <param name="PersistenceId">The persistence id, <c>task-{id}</c> for a task's events.</param>
/// <param name="SequenceNr">The event's sequence number in its task's journal.</param>
/// <param name="SerializerId">The id of the serializer that wrote the payload, if the row names one.</param>
/// <param name="Manifest">The payload's manifest, for example <c>E-TA</c>.</param>
/// <param name="Payload">The serialised event.</param>
public sealed record JournalRecord(JournalPosition Position, string PersistenceId, long SequenceNr, int? SerializerId, string? Manifest, byte[] Payload);
