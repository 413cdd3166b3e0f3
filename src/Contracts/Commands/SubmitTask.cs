namespace PhaseFlow.Contracts.Commands;

/// <summary>
/// Submits a task. Idempotent on <see cref="TaskId"/>: the same id with the same type and input is the same task
/// (reply <see cref="TaskSubmitted"/> with <c>Created = false</c>); with different content it is rejected with
/// <see cref="RejectionCode.Conflict"/>, never overwritten.
/// </summary>
/// <param name="TaskId">The task's id: 1 to 200 characters of <c>[A-Za-z0-9._:-]</c>.</param>
/// <param name="TaskType">The registered task type name.</param>
/// <param name="InputJson">The input as JSON; it must bind to the task type's input.</param>
/// <param name="TraceParent">
/// The submitter's trace context as a W3C <c>traceparent</c> (<c>00-{trace id}-{span id}-{flags}</c>), stored with
/// the task so the spans of its phases join the submitter's trace, also after a restart or on another node.
/// <see langword="null"/>, or a value that is not a valid <c>traceparent</c>, starts no trace link (it never refuses
/// the submission). The .NET client fills it from <see cref="System.Diagnostics.Activity.Current"/> when it is not given.
/// </param>
/// <param name="Lineage">
/// Set by PhaseFlow when a phase starts a child task: the ids of the child's ancestors from the root task to its parent.
/// A child notifies its parent when it finishes. <see langword="null"/> for a task a client submits.
/// </param>
public sealed record SubmitTask(string TaskId, string TaskType, string InputJson, string? TraceParent = null, IReadOnlyList<string>? Lineage = null) : ITaskCommand;
