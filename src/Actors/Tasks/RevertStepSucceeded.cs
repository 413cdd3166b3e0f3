namespace PhaseFlow.Actors.Tasks;

/// <summary>An undo (or the task's own revert) finished.</summary>
/// <param name="RunId">Which launch this answers.</param>
public sealed record RevertStepSucceeded(int RunId) : ITaskActorSignal;
