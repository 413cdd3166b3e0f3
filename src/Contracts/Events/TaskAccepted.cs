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
public sealed record TaskAccepted(string TaskId, string TaskType, string InputJson, string TypeVersion, DateTimeOffset At, string? TraceParent = null) : ITaskEvent;
