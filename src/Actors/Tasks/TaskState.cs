using System.Collections.Immutable;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Everything a task's journal says about it. <see cref="Apply"/> is the only way it changes, and both recovery
/// and live persistence use it, so a recovered task is exactly the task that was running.
/// </summary>
public sealed record TaskState
{
    /// <summary>Gets the state of a task id nothing was ever submitted under.</summary>
    public static TaskState Empty { get; } = new();

    /// <summary>Gets the task's id, once accepted.</summary>
    public string TaskId { get; init; } = string.Empty;

    /// <summary>Gets the task type's name, once accepted.</summary>
    public string TaskType { get; init; } = string.Empty;

    /// <summary>Gets the canonical input JSON.</summary>
    public string InputJson { get; init; } = string.Empty;

    /// <summary>Gets the task type's name and version that accepted the task (<c>type@version</c>).</summary>
    public string TypeVersion { get; init; } = string.Empty;

    /// <summary>Gets the submitter's trace context (W3C <c>traceparent</c>) the spans of the task's work join, if one was given.</summary>
    public string? TraceParent { get; init; }

    /// <summary>Gets, for a child task, the ids of its ancestors from the root task to its parent; empty for a task a client submitted.</summary>
    public IReadOnlyList<string> Lineage { get; init; } = [];

    /// <summary>Gets the parent task's id, for a child task.</summary>
    public string? ParentId => Lineage.Count > 0 ? Lineage[^1] : null;

    /// <summary>Gets every other task a phase of this task started or waits for, by id, with what the journal knows of it.</summary>
    public ImmutableDictionary<string, AwaitedTask> Awaited { get; init; } = ImmutableDictionary<string, AwaitedTask>.Empty;

    /// <summary>Gets the lifecycle state.</summary>
    public TaskLifecycleState State { get; init; } = TaskLifecycleState.Pending;

    /// <summary>Gets every phase that started, by index.</summary>
    public ImmutableList<PhaseRecord> Phases { get; init; } = [];

    /// <summary>Gets the failure behind a revert or a suspension.</summary>
    public TaskError? Error { get; init; }

    /// <summary>Gets the error the revert failed with, while in <see cref="TaskLifecycleState.RevertFailed"/>.</summary>
    public TaskError? RevertError { get; init; }

    /// <summary>Gets why the task is reverted, once a revert started.</summary>
    public RevertReason? RevertReason { get; init; }

    /// <summary>Gets when the (latest) revert started.</summary>
    public DateTimeOffset? RevertStartedAt { get; init; }

    /// <summary>Gets a value indicating whether a cancel arrived while a phase was running and the revert has not started yet.</summary>
    public bool CancelRequested { get; init; }

    /// <summary>Gets when the task was accepted.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the latest event happened.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Gets a value indicating whether a task was accepted under this id.</summary>
    public bool Exists => TaskType.Length > 0;

    /// <summary>Gets every signal the task received, in order; the ones not <see cref="ReceivedSignal.Used"/> wait for a phase that waits for them.</summary>
    public ImmutableList<ReceivedSignal> Signals { get; init; } = [];

    /// <summary>Gets a value indicating whether the task exists and does nothing more by itself (see <see cref="TaskLifecycleStates.IsSettled"/>).</summary>
    public bool IsSettled => Exists && State.IsSettled();

    /// <summary>Gets the phases that completed (including ones reverted since), in order, as the plan and revert see them.</summary>
    public IReadOnlyList<CompletedPhase> CompletedPhases =>
        [.. Phases.Where(p => p.HasCompleted).Select(p => new CompletedPhase(p.Index, p.Name, p.OutputJson))];

    /// <summary>Gets the phase that started but did not complete (and is not reverted), if any. Only the last phase can be in flight.</summary>
    public PhaseRecord? InFlightPhase => Phases.Count > 0 && Phases[^1].State is PhaseLifecycleState.Running or PhaseLifecycleState.Failed ? Phases[^1] : null;

    /// <summary>Gets the outputs of the completed phases before <paramref name="index"/>, in order: what plan code and a phase at that index see.</summary>
    /// <param name="index">The 0-based phase index.</param>
    /// <returns>The completed phases with a lower index.</returns>
    public IReadOnlyList<CompletedPhase> CompletedBefore(int index) =>
        [.. Phases.Take(index).Where(p => p.HasCompleted).Select(p => new CompletedPhase(p.Index, p.Name, p.OutputJson))];

    /// <summary>Applies one event. Pure: it returns a new state and never fails for an event the task could have written.</summary>
    /// <param name="event">The event.</param>
    /// <returns>The state after the event.</returns>
    /// <exception cref="ArgumentException">The event is of a type this version does not know, or names a phase out of order.</exception>
    public TaskState Apply(ITaskEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var next = @event switch
        {
            TaskAccepted e => this with
            {
                TaskId = e.TaskId,
                TaskType = e.TaskType,
                InputJson = e.InputJson,
                TypeVersion = e.TypeVersion,
                TraceParent = e.TraceParent,
                CreatedAt = e.At,
                Lineage = e.Lineage ?? [],
            },
            PhaseStarted e => this with { Phases = StartPhase(e), Awaited = AwaitAll(e) },
            AwaitedTaskSettled e => this with
            {
                Awaited = Awaited.SetItem(
                    e.OtherTaskId,
                    (Awaited.TryGetValue(e.OtherTaskId, out var known) ? known : new AwaitedTask(e.OtherTaskId, e.Index, e.Attempt, 0)) with
                    {
                        Known = true,
                        State = e.State,
                        OutputJson = e.OutputJson,
                        Error = e.Error,
                        At = e.At,
                        FinishedAt = e.FinishedAt,
                    }),
            },
            PhaseCompleted e => this with
            {
                Phases = Update(e.Index, p => p with { State = PhaseLifecycleState.Completed, OutputJson = e.OutputJson, CompletedAt = e.At, RetryAt = null }),
                Signals = e.SignalNumber is { } used && used >= 0 && used < Signals.Count ? Signals.SetItem(used, Signals[used] with { Used = true }) : Signals,
            },
            SignalReceived e => this with { Signals = Signals.Add(new ReceivedSignal(e.Name, e.PayloadJson, e.SignalId, Used: e.PhaseIndex is not null)) },
            PhaseAttemptFailed e => this with
            {
                Phases = Update(e.Index, p => p with
                {
                    State = e.RetryAt is null ? PhaseLifecycleState.Failed : PhaseLifecycleState.Running,
                    Error = e.Error,
                    RetryAt = e.RetryAt,
                }),
            },
            TaskSucceeded => this,
            TaskSuspended e => this with { Error = e.Error },
            TaskResumed => this with { Error = null },
            CancelRequested _ => this with { CancelRequested = true },
            RevertStarted e => this with
            {
                RevertReason = e.Reason,
                Error = e.Error ?? Error,
                RevertError = null,
                RevertStartedAt = e.At,
                CancelRequested = false,
                Phases = Phases.Select(p => p.State == PhaseLifecycleState.Running ? p with { RetryAt = null } : p).ToImmutableList(),
            },
            PhaseReverted e => this with { Phases = Update(e.Index, p => p with { State = PhaseLifecycleState.Reverted, RetryAt = null }) },
            // A task type's own revert undoes the task as a whole and records no phase one by one: once it is done no phase
            // still reads Running or Completed in a Reverted task (a Failed one keeps saying that it failed).
            TaskReverted => this with
            {
                Phases = Phases.Select(p => p.State is PhaseLifecycleState.Running or PhaseLifecycleState.Completed ? p with { State = PhaseLifecycleState.Reverted, RetryAt = null } : p).ToImmutableList(),
            },
            RevertFailed e => this with { RevertError = e.Error },
            _ => throw new ArgumentException($"Unknown task event {@event.GetType().FullName}; this version of PhaseFlow cannot apply it.", nameof(@event)),
        };
        return next with { State = StateSetBy(@event) ?? State, UpdatedAt = @event.At };
    }

    /// <summary>
    /// The lifecycle state an event moves a task to, or <see langword="null"/> when the event leaves the state as it
    /// is. The one place lifecycle transitions are defined: the task actor (through <see cref="Apply"/>) and the
    /// task list projection both use it.
    /// </summary>
    /// <param name="event">The event.</param>
    /// <returns>The state after the event, or <see langword="null"/> for "unchanged".</returns>
    public static TaskLifecycleState? StateSetBy(ITaskEvent @event) => @event switch
    {
        TaskAccepted => TaskLifecycleState.Pending,
        PhaseStarted => TaskLifecycleState.Running,
        TaskSucceeded => TaskLifecycleState.Succeeded,
        TaskSuspended => TaskLifecycleState.Suspended,
        TaskResumed => TaskLifecycleState.Running,
        RevertStarted => TaskLifecycleState.Reverting,
        TaskReverted => TaskLifecycleState.Reverted,
        RevertFailed => TaskLifecycleState.RevertFailed,
        _ => null,
    };

    private ImmutableList<PhaseRecord> StartPhase(PhaseStarted e)
    {
        if (e.Index == Phases.Count)
        {
            return Phases.Add(new PhaseRecord(e.Index, e.Name, PhaseLifecycleState.Running, e.Attempt, null, null, e.At, null, null, e.Interruptions, e.Wait));
        }

        return Update(e.Index, p => p with { State = PhaseLifecycleState.Running, Attempts = e.Attempt, RetryAt = null, Interruptions = e.Interruptions, Wait = e.Wait });
    }

    /// <summary>
    /// The tasks a phase attempt waits for, added as it starts. Ids of an earlier attempt stay (its children are undone
    /// before a retry); an id seen again keeps what is known of it (a task waited for by a later attempt once more).
    /// </summary>
    private ImmutableDictionary<string, AwaitedTask> AwaitAll(PhaseStarted e)
    {
        if (e.Wait?.Tasks is not { Count: > 0 } tasks)
        {
            return Awaited;
        }

        var awaited = Awaited.ToBuilder();
        for (var position = 0; position < tasks.Count; position++)
        {
            var id = tasks[position];
            awaited[id] = e.Wait.Kind == PhaseWaitKind.Task || !awaited.ContainsKey(id)
                ? new AwaitedTask(id, e.Index, e.Attempt, position)
                : awaited[id] with { Index = e.Index, Attempt = e.Attempt, Position = position };
        }

        return awaited.ToImmutable();
    }

    private ImmutableList<PhaseRecord> Update(int index, Func<PhaseRecord, PhaseRecord> change)
    {
        if (index < 0 || index >= Phases.Count)
        {
            throw new ArgumentException($"Event for phase {index} of task '{TaskId}', which has {Phases.Count} recorded phase(s).", nameof(index));
        }

        return Phases.SetItem(index, change(Phases[index]));
    }
}
