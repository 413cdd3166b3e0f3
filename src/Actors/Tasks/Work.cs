using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>The one piece of work a task actor has running off its thread (or is waiting for).</summary>
/// <param name="RunId">Identifies this launch; an outcome carrying another id is stale.</param>
/// <param name="Kind">What runs.</param>
/// <param name="Index">The phase (-1 for the task type's own revert).</param>
/// <param name="Attempt">The attempt number, for a phase attempt.</param>
/// <param name="Since">When it started.</param>
/// <param name="Stopping">Set once the work was told to stop and its body has not returned yet.</param>
internal sealed record Work(int RunId, WorkKind Kind, int Index, int Attempt, DateTimeOffset Since, PhaseStopping? Stopping = null);
