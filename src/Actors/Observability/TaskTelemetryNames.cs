namespace PhaseFlow.Actors.Observability;

/// <summary>The attribute names on PhaseFlow's spans and metrics, in one place so that traces and metrics agree.</summary>
public static class TaskTelemetryNames
{
    /// <summary>The task's id (spans only: one series per task would swamp a metrics store).</summary>
    public const string TaskId = "phaseflow.task.id";

    /// <summary>The task type's name.</summary>
    public const string TaskType = "phaseflow.task.type";

    /// <summary>The task's lifecycle state (the <c>phaseflow.tasks</c> gauge).</summary>
    public const string TaskState = "phaseflow.task.state";

    /// <summary>The 0-based index of the phase.</summary>
    public const string PhaseIndex = "phaseflow.phase.index";

    /// <summary>The phase's name.</summary>
    public const string PhaseName = "phaseflow.phase.name";

    /// <summary>The 1-based attempt number of a phase attempt.</summary>
    public const string Attempt = "phaseflow.attempt";

    /// <summary>What the work was: <c>attempt</c>, <c>undo</c> or <c>revert</c> (a task type's own revert).</summary>
    public const string Work = "phaseflow.work";

    /// <summary>How the work ended: <c>completed</c>, <c>failed</c>, <c>timed_out</c> or <c>cancelled</c>.</summary>
    public const string Outcome = "phaseflow.outcome";
}
