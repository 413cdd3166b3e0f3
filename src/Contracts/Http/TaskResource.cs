using System.Text.Json;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Contracts.Http;

/// <summary>A task as <c>GET /tasks/{id}</c> returns it.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="Type">The task type's name.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="Input">The input as stored (canonical JSON).</param>
/// <param name="CurrentPhase">The index of the phase running, retrying or being undone; <see langword="null"/> otherwise.</param>
/// <param name="PhaseCount">How many phases the plan is expected to have, when the task type can tell in advance.</param>
/// <param name="Phases">Every phase that started, in order.</param>
/// <param name="Error">The failure that made the task revert, suspend or fail its revert.</param>
/// <param name="Revert">Revert progress, once a revert started.</param>
/// <param name="CreatedAt">When the task was accepted.</param>
/// <param name="UpdatedAt">When the latest event happened.</param>
/// <param name="Problem">Why the task cannot go on right now (its type is not deployed on the node that has it, its journal cannot be written), or <see langword="null"/>.</param>
/// <param name="ParentId">For a child task, the id of the task that started it; <see langword="null"/> for a task a client submitted.</param>
/// <param name="Children">The child tasks its phases started, in the order they started (empty when none); <see langword="null"/> from a server that predates child tasks.</param>
public sealed record TaskResource(
    string Id,
    string Type,
    TaskLifecycleState State,
    JsonElement Input,
    int? CurrentPhase,
    int? PhaseCount,
    IReadOnlyList<PhaseResource> Phases,
    ErrorResource? Error,
    RevertResource? Revert,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    TaskProblem? Problem = null,
    string? ParentId = null,
    IReadOnlyList<ChildTaskResource>? Children = null);
