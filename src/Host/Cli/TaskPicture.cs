using System.Globalization;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Cli;

/// <summary>
/// What <c>watch</c> knows about a task: the picture from <c>GET /tasks/{id}</c>, kept current by applying the
/// task's changes. Applying a change that is already part of the picture changes nothing, so a resumed or replayed
/// stream never shows a change twice.
/// </summary>
internal sealed class TaskPicture
{
    private readonly SortedDictionary<int, PhasePicture> phases = [];

    // Each child's finished state, or null while not finished. Live states (Running…) are not kept: the stream carries
    // only the parent's journal, so they would go stale; a child leaves null when the parent records it finished.
    private readonly Dictionary<string, TaskLifecycleState?> children = new(StringComparer.Ordinal);

    // Children whose submission was refused (recorded as settled without a state): they never ran.
    private readonly HashSet<string> childrenNotStarted = new(StringComparer.Ordinal);

    private TaskPicture(TaskResource task)
    {
        Id = task.Id;
        Type = task.Type;
        State = task.State;
        PhaseCount = task.PhaseCount;
        CreatedAt = task.CreatedAt;
        UpdatedAt = task.UpdatedAt;
        Error = task.Error?.Message;
        foreach (var phase in task.Phases)
        {
            phases[phase.Index] = new PhasePicture(phase.Index, phase.Name, phase.State, phase.Attempts, phase.Error?.Message, Retrying: phase.RetryAt is not null);
        }

        foreach (var child in task.Children ?? [])
        {
            children[child.Id] = ChildTaskSummary.IsFinished(child.State) ? child.State : null;
        }
    }

    public string Id { get; }

    public string Type { get; }

    public TaskLifecycleState State { get; private set; }

    /// <summary>Gets how many phases the plan has, when the task type can tell in advance.</summary>
    public int? PhaseCount { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Gets when the latest change happened.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Gets the message of the task's error (why it reverted, suspended or failed its revert).</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the phases that started, in order.</summary>
    public IEnumerable<PhasePicture> Phases => phases.Values;

    /// <summary>Gets a value indicating whether the task is settled (<see cref="TaskLifecycleStates.IsSettled"/>): the event stream ends here.</summary>
    public bool IsFinished => State.IsSettled();

    /// <summary>Gets the phase most recently started, if any.</summary>
    public PhasePicture? Current => phases.Count == 0 ? null : phases.Values.Last();

    /// <summary>
    /// Gets the children's progress, e.g. <c>1000 (998 succeeded, 2 not finished)</c>; <see langword="null"/> when the
    /// task started none.
    /// </summary>
    public string? ChildrenLine =>
        children.Count == 0 ? null : ChildTaskSummary.Line([.. children.Values], "not finished", childrenNotStarted.Count);

    public static TaskPicture From(TaskResource task) => new(task);

    /// <summary>Writes the phase's position: <c>2/5</c>, or just <c>2</c> while the number of phases is not known.</summary>
    /// <param name="phase">The phase.</param>
    /// <returns>The text.</returns>
    public string Position(PhasePicture phase) =>
        Total is { } total
            ? string.Create(CultureInfo.InvariantCulture, $"{phase.Index + 1}/{total}")
            : (phase.Index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Gets the number of phases: the one the task type announced, or the number run once the task succeeded;
    /// <see langword="null"/> while it is not known (a guess such as "2+" would read as a count).
    /// </summary>
    public int? Total =>
        PhaseCount ?? (State == TaskLifecycleState.Succeeded ? phases.Count : null);

    /// <summary>Applies one change.</summary>
    /// <param name="change">The change.</param>
    /// <returns>Whether the picture changed.</returns>
    public bool Apply(TaskChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.At > UpdatedAt)
        {
            UpdatedAt = change.At;
        }

        if (change.Kind == TaskChangeKinds.State && change.State is { } state)
        {
            var error = state == TaskLifecycleState.Succeeded ? Error : change.Error?.Message ?? Error;
            if (state == State && error == Error)
            {
                return false;
            }

            State = state;
            Error = error;
            if (state == TaskLifecycleState.Reverted)
            {
                // A task type's own revert records no phase one by one; once the task is reverted, no phase is still running or completed.
                foreach (var phase in phases.Values.Where(p => p.State is PhaseLifecycleState.Running or PhaseLifecycleState.Completed).ToList())
                {
                    phases[phase.Index] = phase with { State = PhaseLifecycleState.Reverted, Error = null, Retrying = false };
                }
            }

            return true;
        }

        if (change.Kind == TaskChangeKinds.Awaited)
        {
            return ApplyAwaited(change);
        }

        if (change.Kind == TaskChangeKinds.Phase && change.PhaseIndex is { } index)
        {
            // A phase that starts children names them when it starts; they are then counted as not finished.
            var started = false;
            if (change.Waiting is { Kind: PhaseWaitKind.Children, Tasks: { } ids })
            {
                foreach (var id in ids.Where(id => !children.ContainsKey(id) && !childrenNotStarted.Contains(id)))
                {
                    children[id] = null;
                    started = true;
                }
            }

            phases.TryGetValue(index, out var old);
            var phaseState = change.PhaseState ?? old?.State ?? PhaseLifecycleState.Running;
            var updated = new PhasePicture(
                index,
                change.PhaseName ?? old?.Name ?? string.Create(CultureInfo.InvariantCulture, $"#{index + 1}"),
                phaseState,
                Math.Max(change.Attempt ?? 0, old?.Attempts ?? 0),
                change.Error?.Message ?? (phaseState is PhaseLifecycleState.Completed or PhaseLifecycleState.Reverted ? null : old?.Error),

                // A failed attempt with a retry due leaves the phase Running and carries the error; the next start carries none.
                Retrying: phaseState == PhaseLifecycleState.Running && change.Error is not null);
            if (updated == old)
            {
                return started;
            }

            phases[index] = updated;
            return true;
        }

        return false;
    }

    // Only children count: the task one phase waits for (PhaseWaitKind.Task) is not one of them. A child id starts
    // with its parent's, so a child whose start came before the picture was taken still counts.
    private bool ApplyAwaited(TaskChange change)
    {
        if (change.AwaitedTaskId is not { } id || (!children.ContainsKey(id) && !childrenNotStarted.Contains(id) && !id.StartsWith(Id + ":", StringComparison.Ordinal)))
        {
            return false;
        }

        if (change.AwaitedState is null)
        {
            return children.Remove(id) | childrenNotStarted.Add(id);
        }

        if (!childrenNotStarted.Contains(id) && children.TryGetValue(id, out var old) && old == change.AwaitedState)
        {
            return false;
        }

        childrenNotStarted.Remove(id);
        children[id] = change.AwaitedState;
        return true;
    }
}
