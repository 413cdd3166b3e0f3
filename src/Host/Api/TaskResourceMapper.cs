using System.Text.Json;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Host.Api;

/// <summary>
/// Turns a task's status view into the resource <c>GET /tasks/{id}</c> returns: inputs and outputs as JSON, not
/// strings, and errors without their stack traces (those stay in the node's log).
/// </summary>
internal static class TaskResourceMapper
{
    /// <summary>Maps a status view.</summary>
    /// <param name="view">The view.</param>
    /// <param name="liveStates">
    /// The task list's states of children the view has not seen finish (see <see cref="ChildTaskStates"/>); a child
    /// the view knows finished keeps the state the parent recorded.
    /// </param>
    /// <returns>The resource.</returns>
    public static TaskResource ToResource(TaskStatusView view, IReadOnlyDictionary<string, TaskLifecycleState>? liveStates = null) => new(
        view.TaskId,
        view.TaskType,
        view.State,
        Parse(view.InputJson) ?? default,
        view.CurrentPhase,
        view.PhaseCount,
        [.. view.Phases.Select(p => new PhaseResource(p.Index, p.Name, p.State, p.Attempts, Parse(p.OutputJson), ErrorResource.From(p.Error), p.StartedAt, p.CompletedAt, p.RetryAt, p.Progress, p.Stopping, p.Waiting))],
        ErrorResource.From(view.Error),
        view.Revert is { } r ? new RevertResource(r.Reason, r.PhasesToRevert, r.PhasesReverted, r.StartedAt, ErrorResource.From(r.Error)) : null,
        view.CreatedAt,
        view.UpdatedAt,
        view.Problem,
        view.ParentId,
        [.. (view.Children ?? []).Select(c => new ChildTaskResource(c.TaskId, c.Index, c.Attempt, c.State ?? LiveState(liveStates, c.TaskId)))]);

    private static TaskLifecycleState? LiveState(IReadOnlyDictionary<string, TaskLifecycleState>? liveStates, string taskId) =>
        liveStates is not null && liveStates.TryGetValue(taskId, out var state) ? state : null;

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
