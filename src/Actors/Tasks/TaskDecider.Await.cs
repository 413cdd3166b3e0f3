using PhaseFlow.Actors.Awaiting;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Phases that wait for other tasks: child tasks a phase starts, and an existing task a phase waits for. The other
/// tasks report when they finish (<see cref="WatchedTaskState"/>); every report that changes what this task knows is
/// recorded (<see cref="AwaitedTaskSettled"/>), so a restart, another node or a report that arrived while this task was
/// down all end in the same decision. A report can be lost with a node, so a waiting task also asks them every
/// <see cref="TaskRules.WatchEvery"/>, and after it recovers.
/// </summary>
/// <remarks>Undoing children, for a failed attempt and for the revert, is in <c>TaskDecider.Unwind.cs</c>.</remarks>
internal static partial class TaskDecider
{
    private static void StartAwait(DecisionDraft d, int index, string name, int attempt, PhaseWait wait)
    {
        PhaseWaitRecord record;
        switch (wait)
        {
            case PhaseWait.Task task when task.TaskId == d.TaskId || d.State.Lineage.Contains(task.TaskId):
                var who = task.TaskId == d.TaskId ? "this task itself" : "an ancestor of this task (it waits for this task's end)";
                StartRevert(d, RevertReason.Failed, TaskError.Of(
                    "WaitCycle",
                    $"Phase {index + 1} '{name}' would wait for task '{task.TaskId}', which is {who}, so it would wait for ever; the phase was not started."));
                return;
            case PhaseWait.Task task:
                record = new PhaseWaitRecord(PhaseWaitKind.Task, null, null, [task.TaskId]);
                break;
            case PhaseWait.Children when d.State.Lineage.Count + 1 >= ChildTaskIds.MaxDepth:
                StartRevert(d, RevertReason.Failed, TaskError.Of(
                    "ChildrenTooDeep",
                    $"Phase {index + 1} '{name}' would start children {d.State.Lineage.Count + 2} levels below the root task; child tasks nest at most {ChildTaskIds.MaxDepth} levels deep."));
                return;
            case PhaseWait.Children children:
                record = new PhaseWaitRecord(PhaseWaitKind.Children, null, null, ChildTaskIds.AllOf(d.TaskId, index, attempt, children.Tasks.Count));
                break;
            default:
                throw new ArgumentException($"{wait.GetType().Name} does not wait for tasks.", nameof(wait));
        }

        d.Record(new PhaseStarted(d.TaskId, index, name, attempt, d.Now, Interruptions: 0, record));
        if (record.Kind == PhaseWaitKind.Children)
        {
            d.Do(new TaskEffect.StartChildren(index, attempt, record.Tasks!));
            d.Log(TaskLogLevel.Info, $"phase {index + 1} '{name}' starts {record.Tasks!.Count} child task(s).");
            WatchAgainLater(d, index);
            return;
        }

        ContinueAwait(d, d.State.Phases[index]);
    }

    private static void ContinueAwait(DecisionDraft d, PhaseRecord phase)
    {
        var awaited = AwaitedBy(d.State, phase);
        if (phase.Wait!.Kind == PhaseWaitKind.Task)
        {
            ContinueTaskWait(d, phase, awaited[0]);
            return;
        }

        var failed = FirstFailed(awaited);
        if (failed is null)
        {
            if (awaited.All(c => c.Succeeded))
            {
                d.Record(new PhaseCompleted(d.TaskId, phase.Index, phase.Name, AwaitedOutput.Of(awaited), d.Now));
                d.Log(TaskLogLevel.Info, $"phase {phase.Index + 1} '{phase.Name}': all {awaited.Count} child task(s) succeeded.");
                Advance(d);
                return;
            }

            if (!d.ReportOnly)
            {
                d.Do(new TaskEffect.WatchTasks([.. awaited.Where(c => !c.Known).Select(c => c.TaskId)]));
            }

            WatchAgainLater(d, phase.Index);
            return;
        }

        // A child failed: the attempt fails once its other children are undone, so that a retry starts afresh.
        switch (Unwind(d, awaited, since: DateTimeOffset.MinValue))
        {
            case UnwindProgress.Waiting:
                WatchAgainLater(d, phase.Index);
                return;
            case UnwindProgress.Done:
                FailAttempt(d, phase.Index, phase.Name, phase.Attempts, ChildFailed(phase, failed), retryWanted: true);
                return;
            case UnwindProgress.Stuck stuck:
                var error = TaskError.Of(
                    "ChildRevertFailed",
                    $"{ChildFailed(phase, failed).Message} Undoing the attempt's other children failed too: child task '{stuck.Child.TaskId}' could not be reverted ({stuck.Child.Error?.Message ?? "no reason given"}), so the phase is not retried.");
                FailAttempt(d, phase.Index, phase.Name, phase.Attempts, error, retryWanted: false);
                return;
        }
    }

    private static void ContinueTaskWait(DecisionDraft d, PhaseRecord phase, AwaitedTask target)
    {
        if (!target.Known)
        {
            if (!d.ReportOnly)
            {
                d.Do(new TaskEffect.WatchTasks([target.TaskId]));
            }

            WatchAgainLater(d, phase.Index);
            return;
        }

        if (target.State is null)
        {
            var error = TaskError.Of("TaskNotFound", $"Phase {phase.Index + 1} '{phase.Name}' waits for task '{target.TaskId}', and no task has that id.");
            FailAttempt(d, phase.Index, phase.Name, phase.Attempts, error, retryWanted: true);
            return;
        }

        d.Record(new PhaseCompleted(d.TaskId, phase.Index, phase.Name, AwaitedOutput.Of(target), d.Now));
        d.Log(TaskLogLevel.Info, $"phase {phase.Index + 1} '{phase.Name}': task '{target.TaskId}' finished ({target.State}).");
        Advance(d);
    }

    private static void OnWatched(DecisionDraft d, TaskSignal.Watched signal)
    {
        // The reports that arrived together go into one write; only the first failure among running children makes
        // this look send every request again (it starts undoing the others).
        var recorded = false;
        var startsUnwinding = false;
        foreach (var report in signal.Reports)
        {
            recorded |= RecordReport(d, report, ref startsUnwinding);
        }

        if (recorded)
        {
            d.ReportOnly = !startsUnwinding;
            Advance(d);
        }
    }

    /// <summary>Records what one report changes in what this task knows; returns whether it recorded anything.</summary>
    private static bool RecordReport(DecisionDraft d, WatchedTaskState report, ref bool startsUnwinding)
    {
        if (!d.State.Awaited.TryGetValue(report.WatchedTaskId, out var known) || known.Index >= d.State.Phases.Count)
        {
            return false;
        }

        var phase = d.State.Phases[known.Index];
        if (phase.Attempts != known.Attempt || phase.Wait is not { } wait)
        {
            // A child of an earlier attempt: undone before that attempt counted as failed.
            return false;
        }

        var finished = report.State is TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted or TaskLifecycleState.RevertFailed;
        var reverting = d.State.State is TaskLifecycleState.Reverting;
        var missing = report.State is null && (report.Error is not null || wait.Kind == PhaseWaitKind.Task || reverting);
        if (report.State is null && !missing && wait.Kind == PhaseWaitKind.Children && phase.State == PhaseLifecycleState.Running && d.State.State == TaskLifecycleState.Running)
        {
            // The child's submission was lost (this task stopped between recording the attempt and submitting): again.
            d.Do(new TaskEffect.StartChildren(phase.Index, phase.Attempts, [report.WatchedTaskId]));
            return false;
        }

        var stale = known.State == TaskLifecycleState.RevertFailed && known.At < d.State.RevertStartedAt;
        if (!(finished || missing) || (known.Known && known.State == report.State && !stale))
        {
            return false;
        }

        startsUnwinding |= wait.Kind == PhaseWaitKind.Children && !reverting && report.State != TaskLifecycleState.Succeeded && FirstFailed(AwaitedBy(d.State, phase)) is null;
        d.Record(new AwaitedTaskSettled(
            d.TaskId,
            known.Index,
            known.Attempt,
            report.WatchedTaskId,
            report.State,
            report.State == TaskLifecycleState.Succeeded ? report.OutputJson : null,
            report.Error is null ? null : TaskError.Of(report.Error.Type, report.Error.Message),
            d.Now,
            report.FinishedAt));
        if (report.State != TaskLifecycleState.Succeeded)
        {
            d.Log(TaskLogLevel.Info, $"{(wait.Kind == PhaseWaitKind.Children ? "child task" : "task")} '{report.WatchedTaskId}' of phase {phase.Index + 1} is {report.State?.ToString() ?? "not found"}.");
        }

        return true;
    }

    /// <summary>Wakes the task in <see cref="TaskRules.WatchEvery"/> to ask the tasks it waits for again (a mere report keeps the timer set before).</summary>
    private static void WatchAgainLater(DecisionDraft d, int index)
    {
        if (d.ReportOnly)
        {
            return;
        }

        var due = d.Now + d.Rules.WatchEvery;
        WaitUntil(d, new TaskEffect.ScheduleWait(index, due), due);
    }

    /// <summary>The tasks the phase's latest attempt waits for, in order.</summary>
    private static IReadOnlyList<AwaitedTask> AwaitedBy(TaskState state, PhaseRecord phase) =>
        [.. phase.Wait!.Tasks!.Select((id, position) => state.Awaited.TryGetValue(id, out var known) ? known : new AwaitedTask(id, phase.Index, phase.Attempts, position))];

    /// <summary>
    /// The child whose failure failed the attempt: the first recorded, and among those recorded at once (reports decided
    /// together) one that says why before one that does not (a sibling cancelled while undoing has no error).
    /// </summary>
    private static AwaitedTask? FirstFailed(IReadOnlyList<AwaitedTask> children) =>
        children.Where(c => c.Known && !c.Succeeded).MinBy(c => (c.At, c.Error is null));

    private static TaskError ChildFailed(PhaseRecord phase, AwaitedTask child) => TaskError.Of(
        "ChildFailed",
        child.State is null
            ? $"Phase {phase.Index + 1} '{phase.Name}' could not start child task '{child.TaskId}': {child.Error?.Message ?? "it does not exist"}"
            : $"Child task '{child.TaskId}' of phase {phase.Index + 1} '{phase.Name}' ended {child.State}{(child.Error is { } e ? $": {e.Message}" : ".")}");
}
