namespace PhaseFlow.Contracts;

/// <summary>The state of one phase of a task.</summary>
public enum PhaseLifecycleState
{
    /// <summary>Declared but not started (used only by views that list phases ahead of time).</summary>
    Pending,

    /// <summary>An attempt is running, or a retry is waiting for its backoff.</summary>
    Running,

    /// <summary>The phase finished and its output is recorded; it never runs again.</summary>
    Completed,

    /// <summary>The last attempt failed and no retry is left.</summary>
    Failed,

    /// <summary>The phase was undone by the revert.</summary>
    Reverted,
}
