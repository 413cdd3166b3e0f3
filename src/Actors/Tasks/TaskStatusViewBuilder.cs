using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>Turns a <see cref="TaskState"/> (and the live progress of a running phase) into the status view clients see.</summary>
internal static class TaskStatusViewBuilder
{
    /// <summary>Builds the view.</summary>
    /// <param name="state">The task's state.</param>
    /// <param name="workingOn">The index of the phase being run or undone right now, if any.</param>
    /// <param name="progress">The latest progress of the running phase, if any.</param>
    /// <param name="phaseCount">How many phases the plan is expected to have, if known.</param>
    /// <returns>The view.</returns>
    public static TaskStatusView Build(TaskState state, int? workingOn, PhaseProgress? progress, int? phaseCount = null)
    {
        var current = state.State switch
        {
            TaskLifecycleState.Running => state.InFlightPhase?.Index ?? workingOn,
            TaskLifecycleState.Reverting => workingOn ?? state.Phases.LastOrDefault(p => p.State == PhaseLifecycleState.Completed)?.Index,
            _ => null,
        };
        var phases = state.Phases
            .Select(p => new PhaseStatusView(
                p.Index,
                p.Name,
                p.State,
                p.Attempts,
                p.OutputJson,
                p.Error,
                p.StartedAt,
                p.CompletedAt,
                p.RetryAt,
                p.Index == workingOn && p.State == PhaseLifecycleState.Running ? progress : null))
            .ToList();
        var revert = state.RevertReason is { } reason && state.RevertStartedAt is { } startedAt
            ? new RevertStatusView(reason, state.Phases.Count(p => p.HasCompleted), state.Phases.Count(p => p.State == PhaseLifecycleState.Reverted), startedAt, state.RevertError)
            : null;
        return new TaskStatusView(
            state.TaskId,
            state.TaskType,
            state.State,
            state.InputJson,
            state.PlanFingerprint,
            current,
            phases,
            state.Error,
            revert,
            state.CreatedAt,
            state.UpdatedAt,
            phaseCount);
    }
}
