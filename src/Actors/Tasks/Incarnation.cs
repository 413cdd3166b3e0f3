using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// What one life of a task actor knows beyond its journal: the work it has running, and what it found when it
/// loaded the task's type. Never journaled: a new life starts from <see cref="Fresh"/> and learns the rest from
/// <see cref="TaskState"/>.
/// </summary>
internal sealed record Incarnation
{
    /// <summary>Gets the state of an actor that has just started.</summary>
    public static Incarnation Fresh { get; } = new();

    /// <summary>Gets the work running off the actor thread, or that the task waits for; <see langword="null"/> when none.</summary>
    public Work? Work { get; init; }

    /// <summary>Gets why the task's type or input cannot be loaded on this node; the task then runs nothing.</summary>
    public TaskProblem? Blocked { get; init; }

    /// <summary>Gets how many recorded phases were checked against the plan in this life (replay of a changed definition is caught once).</summary>
    public int VerifiedPhases { get; init; }

    /// <summary>Gets the id of the latest launch; each launch gets the next one, so a late outcome of an earlier launch is recognised.</summary>
    public int LastRunId { get; init; }

    /// <summary>Gets a value indicating whether the actor is idle: nothing runs and nothing is awaited.</summary>
    public bool IsIdle => Work is null;
}
