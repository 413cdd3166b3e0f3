using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Another task a phase of this task waits for (a child, or the task of a <c>WaitForTask</c> phase), with what this
/// task's journal knows of it; part of <see cref="TaskState"/>.
/// </summary>
/// <param name="TaskId">The other task's id.</param>
/// <param name="Index">The waiting phase.</param>
/// <param name="Attempt">The phase's attempt that waits for it.</param>
/// <param name="Position">Its 0-based place among the attempt's children (0 for a <c>WaitForTask</c> phase).</param>
/// <param name="Known">Whether a finish (or that it does not exist) was recorded; until then it runs, as far as this task knows.</param>
/// <param name="State">Its recorded state; <see langword="null"/> when it does not exist or was refused.</param>
/// <param name="OutputJson">When it succeeded, the output of its last phase.</param>
/// <param name="Error">Why it failed, was refused, or its revert failed.</param>
/// <param name="At">When the latest finish was recorded.</param>
/// <param name="FinishedAt">When it finished by its own clock, if it said.</param>
public sealed record AwaitedTask(
    string TaskId,
    int Index,
    int Attempt,
    int Position,
    bool Known = false,
    TaskLifecycleState? State = null,
    string? OutputJson = null,
    TaskError? Error = null,
    DateTimeOffset? At = null,
    DateTimeOffset? FinishedAt = null)
{
    /// <summary>Gets when it finished, as best known: by its own clock, else when this task learned it.</summary>
    public DateTimeOffset? Finished => FinishedAt ?? At;

    /// <summary>Gets a value indicating whether it succeeded (and was not reverted since).</summary>
    public bool Succeeded => Known && State == TaskLifecycleState.Succeeded;

    /// <summary>Gets a value indicating whether it is known to have undone everything it did: reverted, or it never existed.</summary>
    public bool Undone => Known && State is null or TaskLifecycleState.Reverted;
}
