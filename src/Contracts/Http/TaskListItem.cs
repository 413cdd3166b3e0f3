namespace PhaseFlow.Contracts.Http;

/// <summary>One row of <c>GET /tasks</c>, from the read model.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Type">The task type's name.</param>
/// <param name="State">The lifecycle state, as of the latest event the read model has seen.</param>
/// <param name="CurrentPhase">The index of the latest phase that started, if any.</param>
/// <param name="PhasesCompleted">How many phases completed.</param>
/// <param name="CreatedAt">When the task was accepted.</param>
/// <param name="UpdatedAt">When the latest event the read model has seen happened.</param>
/// <param name="ParentId">For a child task, the id of the task that started it; <see langword="null"/> for a task a client submitted.</param>
public sealed record TaskListItem(
    string Id,
    string Type,
    TaskLifecycleState State,
    int? CurrentPhase,
    int PhasesCompleted,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? ParentId = null);
