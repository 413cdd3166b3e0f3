using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Turns one task's events, in order, into the phase and state changes a watcher sees, and the tasks it waits for
/// that finished. It remembers phase names and the lifecycle state, because later events (a completion, a revert)
/// name only the phase index.
/// </summary>
public sealed class TaskChangeProjector
{
    private readonly Dictionary<int, string> _phaseNames = [];
    private TaskLifecycleState? _state;

    /// <summary>Tells whether a change ends a watch: the task reached a state nothing moves it out of without an operator.</summary>
    /// <param name="change">The change.</param>
    /// <returns><see langword="true"/> for a state change to a settled state (<see cref="TaskLifecycleStates.IsSettled"/>).</returns>
    public static bool Ends(TaskChange change) =>
        change is { Kind: TaskChangeKinds.State, State: { } state } && state.IsSettled();

    /// <summary>Returns the changes one event stands for (none, one, or a phase change followed by a state change).</summary>
    /// <param name="sequenceNr">The event's sequence number in the task's journal.</param>
    /// <param name="event">The event.</param>
    /// <returns>The changes, in the order they happened.</returns>
    public IReadOnlyList<TaskChange> Next(long sequenceNr, ITaskEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var changes = new List<TaskChange>(2);
        switch (@event)
        {
            case PhaseStarted e:
                _phaseNames[e.Index] = e.Name;
                changes.Add(PhaseChange(sequenceNr, e.Index, PhaseLifecycleState.Running, e.Attempt, null, e.At) with { Waiting = e.Wait });
                break;
            case PhaseCompleted e:
                changes.Add(PhaseChange(sequenceNr, e.Index, PhaseLifecycleState.Completed, null, null, e.At));
                break;
            case PhaseAttemptFailed e:
                // A failed attempt with a retry due leaves the phase Running; the error says what happened.
                changes.Add(PhaseChange(sequenceNr, e.Index, e.RetryAt is null ? PhaseLifecycleState.Failed : PhaseLifecycleState.Running, e.Attempt, e.Error, e.At));
                break;
            case PhaseReverted e:
                changes.Add(PhaseChange(sequenceNr, e.Index, PhaseLifecycleState.Reverted, null, null, e.At));
                break;
            case AwaitedTaskSettled e:
                changes.Add(new TaskChange(sequenceNr, TaskChangeKinds.Awaited, null, e.Index, _phaseNames.GetValueOrDefault(e.Index), null, e.Attempt, ErrorResource.From(e.Error), e.At, AwaitedTaskId: e.OtherTaskId, AwaitedState: e.State));
                break;
        }

        if (TaskState.StateSetBy(@event) is { } state && state != _state)
        {
            _state = state;
            var error = @event switch
            {
                TaskSuspended e => e.Error,
                RevertStarted e => e.Error,
                RevertFailed e => e.Error,
                _ => null,
            };
            changes.Add(new TaskChange(sequenceNr, TaskChangeKinds.State, state, null, null, null, null, ErrorResource.From(error), @event.At));
        }

        return changes;
    }

    private TaskChange PhaseChange(long sequenceNr, int index, PhaseLifecycleState state, int? attempt, TaskError? error, DateTimeOffset at) =>
        new(sequenceNr, TaskChangeKinds.Phase, null, index, _phaseNames.GetValueOrDefault(index), state, attempt, ErrorResource.From(error), at);
}
