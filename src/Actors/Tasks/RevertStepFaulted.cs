using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Tasks;

/// <summary>An undo (or the task's own revert) threw.</summary>
/// <param name="RunId">Which launch this answers.</param>
/// <param name="Error">What it failed with.</param>
public sealed record RevertStepFaulted(int RunId, TaskError Error) : ITaskActorSignal;
