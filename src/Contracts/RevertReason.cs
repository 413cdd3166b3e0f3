namespace PhaseFlow.Contracts;

/// <summary>Why a task is being reverted.</summary>
public enum RevertReason
{
    /// <summary>A phase (or the plan itself) failed and had no retry left.</summary>
    Failed,

    /// <summary>Somebody cancelled the task.</summary>
    Cancelled,

    /// <summary>The task is a child task that had succeeded, and its parent is reverting (or its parent's phase failed), so it is undone too.</summary>
    ParentReverted,
}
