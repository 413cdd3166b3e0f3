using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>Turns a task's stored state and what its actor is doing right now into the status view clients see.</summary>
internal static class TaskStatusViewBuilder
{
    /// <summary>Builds the view.</summary>
    /// <param name="state">The task's stored state.</param>
    /// <param name="life">What the actor is running or waiting for.</param>
    /// <param name="progress">The latest progress of the running phase, if any.</param>
    /// <param name="phaseCount">How many phases the plan is expected to have, if known.</param>
    /// <param name="problem">Why the task cannot go on right now, if it cannot.</param>
    /// <returns>The view.</returns>
    public static TaskStatusView Build(TaskState state, Incarnation life, PhaseProgress? progress, int? phaseCount, TaskProblem? problem)
    {
        var work = life.Work;
        var workingOn = work is { Index: >= 0 } ? work.Index : (int?)null;
        var current = state.State switch
        {
            TaskLifecycleState.Running => state.InFlightPhase?.Index ?? workingOn,
            TaskLifecycleState.Reverting => workingOn ?? state.Phases.LastOrDefault(p => p.AwaitsUndo)?.Index,
            _ => null,
        };
        var phases = state.Phases
            .Select(p =>
            {
                var running = work is { Kind: WorkKind.Attempt or WorkKind.EarlierRun } && p.Index == work.Index && p.State == PhaseLifecycleState.Running;
                return new PhaseStatusView(
                    p.Index,
                    p.Name,
                    p.State,
                    p.Attempts,
                    p.OutputJson,
                    p.Error,
                    p.StartedAt,
                    p.CompletedAt,
                    p.RetryAt,
                    running ? progress : null,
                    running ? work!.Stopping : null,
                    p is { State: PhaseLifecycleState.Running, RetryAt: null, Wait: { } wait } && state.State == TaskLifecycleState.Running ? wait : null);
            })
            .ToList();
        var revert = state.RevertReason is { } reason && state.RevertStartedAt is { } startedAt
            ? new RevertStatusView(reason, state.Phases.Count, state.Phases.Count(p => p.State == PhaseLifecycleState.Reverted), startedAt, state.RevertError)
            : null;
        return new TaskStatusView(
            state.TaskId,
            state.TaskType,
            state.State,
            state.InputJson,
            state.TypeVersion,
            current,
            phases,
            state.Error,
            revert,
            state.CreatedAt,
            state.UpdatedAt,
            phaseCount,
            problem ?? life.Blocked,
            state.ParentId,
            Children(state));
    }

    /// <summary>The children every attempt of every phase started, in order (phase, attempt, position); <see langword="null"/> for none.</summary>
    private static IReadOnlyList<ChildTaskView>? Children(TaskState state)
    {
        var children = state.Awaited.Values
            .Where(a => state.Phases[a.Index].Wait?.Kind == PhaseWaitKind.Children)
            .OrderBy(a => a.Index).ThenBy(a => a.Attempt).ThenBy(a => a.Position)
            .Select(a => new ChildTaskView(a.TaskId, a.Index, a.Attempt, a.Known ? a.State : null))
            .ToList();
        return children.Count == 0 ? null : children;
    }
}
