using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// What one journaled event does to its task's row, whatever the database: <see cref="TaskAccepted"/> inserts the
/// row; every other event may set the state and the current phase and count a completed phase, and applies only if
/// it is newer than the row (<see cref="SequenceNr"/> above the row's).
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="SequenceNr">The event's sequence number in the task's journal.</param>
/// <param name="IsInsert">Whether the event creates the row (the task was accepted).</param>
/// <param name="TaskType">The task type, for an insert.</param>
/// <param name="State">The state the row moves to, or <see langword="null"/> to keep it.</param>
/// <param name="CurrentPhase">The phase that started, or <see langword="null"/> to keep the current one.</param>
/// <param name="PhasesCompleted">How many completed phases to add (0 or 1).</param>
/// <param name="AtMs">When the event happened, in Unix milliseconds.</param>
public sealed record TaskListRowChange(
    string TaskId,
    long SequenceNr,
    bool IsInsert,
    string? TaskType,
    string? State,
    int? CurrentPhase,
    int PhasesCompleted,
    long AtMs)
{
    /// <summary>Derives the row change of a journaled event.</summary>
    /// <param name="change">The event and where it stands in its task's journal.</param>
    /// <returns>The row change.</returns>
    public static TaskListRowChange From(TaskListChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var @event = change.Event;
        return new TaskListRowChange(
            change.TaskId,
            change.SequenceNr,
            IsInsert: @event is TaskAccepted,
            TaskType: (@event as TaskAccepted)?.TaskType,
            State: TaskState.StateSetBy(@event)?.ToString(),
            CurrentPhase: (@event as PhaseStarted)?.Index,
            PhasesCompleted: @event is PhaseCompleted ? 1 : 0,
            AtMs: @event.At.ToUnixTimeMilliseconds());
    }
}
