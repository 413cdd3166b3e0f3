using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>Run the next step of the task (the next phase, a due retry, or the next undo).</summary>
public sealed record ContinueTask : ITaskActorSignal
{
    /// <summary>Gets the single instance.</summary>
    public static ContinueTask Instance { get; } = new();
}

/// <summary>An attempt of a phase returned.</summary>
/// <param name="RunId">Which launch this answers; results of earlier launches are ignored.</param>
/// <param name="OutputJson">The output as JSON.</param>
public sealed record PhaseAttemptSucceeded(int RunId, string? OutputJson) : ITaskActorSignal;

/// <summary>An attempt of a phase threw or timed out.</summary>
/// <param name="RunId">Which launch this answers.</param>
/// <param name="Error">What it failed with.</param>
/// <param name="Retryable">Whether the phase's retry policy allows another attempt.</param>
public sealed record PhaseAttemptFaulted(int RunId, TaskError Error, bool Retryable) : ITaskActorSignal;

/// <summary>A running phase reported progress.</summary>
/// <param name="RunId">Which launch reported it.</param>
/// <param name="Progress">The progress.</param>
public sealed record PhaseProgressed(int RunId, PhaseProgress Progress) : ITaskActorSignal;

/// <summary>The backoff of a failed attempt is over.</summary>
/// <param name="Index">The phase to attempt again.</param>
public sealed record RetryDue(int Index) : ITaskActorSignal;

/// <summary>An undo (or the task's own revert) finished.</summary>
/// <param name="RunId">Which launch this answers.</param>
public sealed record RevertStepSucceeded(int RunId) : ITaskActorSignal;

/// <summary>An undo (or the task's own revert) threw.</summary>
/// <param name="RunId">Which launch this answers.</param>
/// <param name="Error">What it failed with.</param>
public sealed record RevertStepFaulted(int RunId, TaskError Error) : ITaskActorSignal;
