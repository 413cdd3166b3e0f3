namespace PhaseFlow.Contracts.Events;

/// <summary>The task was submitted and stored; it is <see cref="TaskLifecycleState.Pending"/>.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="TaskType">The task type's name.</param>
/// <param name="InputJson">The canonical JSON of the bound input.</param>
/// <param name="PlanFingerprint">The task type's name and version that accepted the task (<c>type@version</c>).</param>
/// <param name="At">When it was accepted.</param>
public sealed record TaskAccepted(string TaskId, string TaskType, string InputJson, string PlanFingerprint, DateTimeOffset At) : ITaskEvent;
