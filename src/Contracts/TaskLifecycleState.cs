namespace PhaseFlow.Contracts;

/// <summary>The lifecycle state of a task.</summary>
/// <remarks>
/// <c>Pending → Running → Succeeded</c>; <c>Running → Reverting → Reverted</c>;
/// <c>Reverting → RevertFailed</c> (an operator may retry the revert);
/// <c>Running → Suspended</c> when a recovered plan no longer matches the journal (an operator may cancel it).
/// </remarks>
public enum TaskLifecycleState
{
    /// <summary>Accepted and stored; no phase has started yet.</summary>
    Pending,

    /// <summary>Phases are running.</summary>
    Running,

    /// <summary>Every phase completed. Terminal.</summary>
    Succeeded,

    /// <summary>The recovered plan no longer matches the journal; nothing runs until an operator cancels the task.</summary>
    Suspended,

    /// <summary>A failure or a cancel is being undone.</summary>
    Reverting,

    /// <summary>The revert finished. Terminal.</summary>
    Reverted,

    /// <summary>The revert itself failed; an operator may retry it.</summary>
    RevertFailed,
}
