namespace PhaseFlow.Actors.Tasks;

/// <summary>The one piece of work a task actor has running off its thread.</summary>
/// <param name="RunId">Identifies this launch; a result carrying another id is stale.</param>
/// <param name="Kind">A phase attempt, an undo, or the task's own revert.</param>
/// <param name="Index">The phase index (unused for a custom revert).</param>
/// <param name="Attempt">The attempt number, for a phase.</param>
/// <param name="Cancellation">Signals the work to stop (cancel, actor stop).</param>
internal sealed record RunningWork(int RunId, RunningWorkKind Kind, int Index, int Attempt, CancellationTokenSource Cancellation);
