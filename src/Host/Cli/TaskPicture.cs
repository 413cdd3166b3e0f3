using System.Globalization;
using PhaseFlow.Contracts;
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

    private TaskPicture(TaskResource task)
    {
        Id = task.Id;
        Type = task.Type;
        State = task.State;
        PhaseCount = task.PhaseCount;
        CreatedAt = task.CreatedAt;
        UpdatedAt = task.UpdatedAt;
        Error = task.Error?.ToString();
        foreach (var phase in task.Phases)
        {
            phases[phase.Index] = new PhasePicture(phase.Index, phase.Name, phase.State, phase.Attempts, phase.Error?.Message);
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

    /// <summary>Gets the task's error (why it reverted, suspended or failed its revert).</summary>
    public string? Error { get; private set; }

    /// <summary>Gets the phases that started, in order.</summary>
    public IEnumerable<PhasePicture> Phases => phases.Values;

    /// <summary>Gets a value indicating whether the task is settled (<see cref="TaskLifecycleStates.IsSettled"/>): the event stream ends here.</summary>
    public bool IsFinished => State.IsSettled();

    /// <summary>Gets the phase most recently started, if any.</summary>
    public PhasePicture? Current => phases.Count == 0 ? null : phases.Values.Last();

    public static TaskPicture From(TaskResource task) => new(task);

    /// <summary>Writes the phase's position: <c>2/5</c>, or <c>2/3+</c> while the number of phases is not known.</summary>
    /// <param name="phase">The phase.</param>
    /// <returns>The text.</returns>
    public string Position(PhasePicture phase) =>
        string.Create(CultureInfo.InvariantCulture, $"{phase.Index + 1}/{Total}");

    /// <summary>Gets the number of phases: known, or as many as seen followed by <c>+</c> while more may come.</summary>
    public string Total =>
        PhaseCount is { } count ? count.ToString(CultureInfo.InvariantCulture)
        : State == TaskLifecycleState.Succeeded ? phases.Count.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{phases.Count}+");

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
            var error = state == TaskLifecycleState.Succeeded ? Error : change.Error?.ToString() ?? Error;
            if (state == State && error == Error)
            {
                return false;
            }

            State = state;
            Error = error;
            return true;
        }

        if (change.Kind == TaskChangeKinds.Phase && change.PhaseIndex is { } index)
        {
            phases.TryGetValue(index, out var old);
            var phaseState = change.PhaseState ?? old?.State ?? PhaseLifecycleState.Running;
            var updated = new PhasePicture(
                index,
                change.PhaseName ?? old?.Name ?? string.Create(CultureInfo.InvariantCulture, $"#{index + 1}"),
                phaseState,
                Math.Max(change.Attempt ?? 0, old?.Attempts ?? 0),
                change.Error?.Message ?? (phaseState is PhaseLifecycleState.Completed or PhaseLifecycleState.Reverted ? null : old?.Error));
            if (updated == old)
            {
                return false;
            }

            phases[index] = updated;
            return true;
        }

        return false;
    }
}
