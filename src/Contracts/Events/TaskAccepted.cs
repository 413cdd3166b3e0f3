namespace PhaseFlow.Contracts.Events;

/// <summary>The task was submitted and stored; it is <see cref="TaskLifecycleState.Pending"/>.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="TaskType">The task type's name.</param>
/// <param name="InputJson">The canonical JSON of the bound input.</param>
/// <param name="TypeVersion">
/// The task type's name and version that accepted the task, as <c>type@version</c>. Journals written before this
/// member was renamed store it as <c>planFingerprint</c>; both names are read.
/// </param>
/// <param name="At">When it was accepted.</param>
/// <param name="TraceParent">
/// The submitter's trace context (W3C <c>traceparent</c>) the spans of the task's phases join; <see langword="null"/>
/// when none was given (and in journals written before this member existed).
/// </param>
/// <param name="Lineage">
/// For a child task, the ids of its ancestors from the root task to its parent (the last one); <see langword="null"/>
/// for a task a client submitted.
/// </param>
public sealed record TaskAccepted(string TaskId, string TaskType, string InputJson, string TypeVersion, DateTimeOffset At, string? TraceParent = null, IReadOnlyList<string>? Lineage = null) : ITaskEvent
{
    /// <summary>Gets the parent task's id, for a child task.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ParentId => Lineage is { Count: > 0 } lineage ? lineage[^1] : null;
}
