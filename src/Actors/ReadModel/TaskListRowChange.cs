using System.Data.Common;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// What one journaled event does to its task's row, whatever the database: <see cref="TaskAccepted"/> inserts the
/// row; every other event may set the state and the current phase and count a completed phase, and applies only if
/// it is newer than the row (<see cref="SequenceNr"/> above the row's) and, if <see cref="RequiresPrevious"/>, directly
/// follows it.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="SequenceNr">The event's sequence number in the task's journal.</param>
/// <param name="IsInsert">Whether the event creates the row (the task was accepted).</param>
/// <param name="TaskType">The task type, for an insert.</param>
/// <param name="State">The state the row moves to, or <see langword="null"/> to keep it.</param>
/// <param name="CurrentPhase">The phase that started, or <see langword="null"/> to keep the current one.</param>
/// <param name="PhasesCompleted">How many completed phases to add (0 or 1).</param>
/// <param name="AtMs">When the event happened, in Unix milliseconds.</param>
/// <param name="RequiresPrevious">Whether it applies only when the row holds the previous sequence number (see <see cref="TaskListChange.RequiresPrevious"/>).</param>
/// <param name="ParentId">For an insert of a child task, its parent's id; <see langword="null"/> otherwise.</param>
public sealed record TaskListRowChange(
    string TaskId,
    long SequenceNr,
    bool IsInsert,
    string? TaskType,
    string? State,
    int? CurrentPhase,
    int PhasesCompleted,
    long AtMs,
    bool RequiresPrevious,
    string? ParentId = null)
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
            AtMs: @event.At.ToUnixTimeMilliseconds(),
            RequiresPrevious: change.RequiresPrevious,
            ParentId: (@event as TaskAccepted)?.ParentId);
    }

    /// <summary>
    /// Applies the change with one of two prepared commands, whatever the database: <paramref name="insert"/> takes
    /// the parameters (id, type, state, at, sequence number, parent id) and <paramref name="update"/> (id, state, current phase,
    /// completed phases to add, at, sequence number, requires previous), in that order.
    /// </summary>
    /// <param name="insert">The command that inserts a row.</param>
    /// <param name="update">The command that updates a row if the change is newer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the command ran.</returns>
    public async Task ExecuteAsync(DbCommand insert, DbCommand update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(insert);
        ArgumentNullException.ThrowIfNull(update);
        var (command, values) = IsInsert
            ? (insert, new object?[] { TaskId, TaskType, State, AtMs, SequenceNr, ParentId })
            : (update, new object?[] { TaskId, State, CurrentPhase, PhasesCompleted, AtMs, SequenceNr, RequiresPrevious });
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
