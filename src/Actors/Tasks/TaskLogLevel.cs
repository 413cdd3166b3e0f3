namespace PhaseFlow.Actors.Tasks;

/// <summary>How important a <see cref="TaskEffect.Log"/> line is.</summary>
internal enum TaskLogLevel
{
    /// <summary>Normal progress: accepted, recovered, succeeded, reverted.</summary>
    Info,

    /// <summary>Something went wrong in the task's own code or definition; the task handles it.</summary>
    Warning,

    /// <summary>The task ended somewhere an operator must look (its revert failed).</summary>
    Error,
}
