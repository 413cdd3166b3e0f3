using System.Diagnostics.CodeAnalysis;
using PhaseFlow.Actors.Serialization;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Turns a stored journal row into the task list change it stands for, with the actor system's serialization (the
/// row keeps the serializer id, the manifest and the payload bytes), or says why it cannot.
/// </summary>
/// <param name="serialization">The actor system's serialization.</param>
public sealed class JournalRecordDecoder(Akka.Serialization.Serialization serialization)
{
    /// <summary>Gets the task id a row belongs to, for messages: its persistence id without <c>task-</c>.</summary>
    /// <param name="record">The row.</param>
    /// <returns>The task id, or the whole persistence id when it is not a task's.</returns>
    public static string TaskIdOf(JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.PersistenceId.StartsWith(PersistenceIds.TaskPrefix, StringComparison.Ordinal)
            ? record.PersistenceId[PersistenceIds.TaskPrefix.Length..]
            : record.PersistenceId;
    }

    /// <summary>Reads a row as a change of its task's row in the list.</summary>
    /// <param name="record">The row.</param>
    /// <param name="change">The change, when the row can be applied.</param>
    /// <param name="reason">Why it cannot, written for an operator, otherwise empty.</param>
    /// <returns>Whether the row can be applied.</returns>
    public bool TryDecode(JournalRecord record, [NotNullWhen(true)] out TaskListChange? change, out string reason)
    {
        ArgumentNullException.ThrowIfNull(record);
        change = null;
        reason = string.Empty;
        if (!record.PersistenceId.StartsWith(PersistenceIds.TaskPrefix, StringComparison.Ordinal))
        {
            reason = $"persistence id '{record.PersistenceId}' is not a task's";
            return false;
        }

        if (record.SerializerId is not { } serializerId)
        {
            reason = "the row names no serializer";
            return false;
        }

        object payload;
        try
        {
            payload = serialization.Deserialize(record.Payload, serializerId, record.Manifest);
        }
        catch (Exception e)
        {
            // Whatever a serializer throws for one row, the rows after it must still be read.
            reason = $"it cannot be deserialised: {e.Message}";
            return false;
        }

        var taskId = TaskIdOf(record);
        switch (payload)
        {
            case UnreadableEvent unreadable:
                reason = unreadable.Reason;
                return false;
            case ITaskEvent @event when @event.TaskId != taskId:
                reason = $"the event names task '{@event.TaskId}' but is stored in another task's journal";
                return false;
            case ITaskEvent @event:
                change = new TaskListChange(taskId, record.SequenceNr, @event);
                return true;
            default:
                reason = "it is not a task event";
                return false;
        }
    }
}
