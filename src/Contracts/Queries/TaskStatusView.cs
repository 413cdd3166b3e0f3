namespace PhaseFlow.Contracts.Queries;

/// <summary>A task's status, derived from its journal (plus the live progress of a running phase).</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="TaskType">The task type's name.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="InputJson">The canonical input.</param>
/// <param name="TypeVersion">The task type's name and version that accepted the task (<c>type@version</c>).</param>
/// <param name="CurrentPhase">The index of the phase running, retrying or being undone; <see langword="null"/> otherwise.</param>
/// <param name="Phases">Every phase that started, in order.</param>
/// <param name="Error">The failure that made the task revert, suspend or fail its revert.</param>
/// <param name="Revert">Revert progress, once a revert started.</param>
/// <param name="CreatedAt">When the task was accepted.</param>
/// <param name="UpdatedAt">When the latest event happened.</param>
/// <param name="PhaseCount">How many phases the plan is expected to have, when the task type can tell in advance.</param>
/// <param name="Problem">Why the task cannot go on right now (its type is not registered here, its journal cannot be written), or <see langword="null"/>.</param>
/// <param name="ParentId">For a child task, its parent's id.</param>
/// <param name="Children">The child tasks its phases started, in order, with what the task knows of each.</param>
public sealed record TaskStatusView(
    string TaskId,
    string TaskType,
    TaskLifecycleState State,
    string InputJson,
    string TypeVersion,
    int? CurrentPhase,
    IReadOnlyList<PhaseStatusView> Phases,
    TaskError? Error,
    RevertStatusView? Revert,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int? PhaseCount = null,
    TaskProblem? Problem = null,
    string? ParentId = null,
    IReadOnlyList<ChildTaskView>? Children = null) : IWithTaskId;
