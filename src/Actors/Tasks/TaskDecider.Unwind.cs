using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Undoing children: one rule for a failed attempt and for the revert. Cancel the ones still running, then revert the
/// ones that succeeded one at a time, newest first, and wait until each reports it reverted. And the other side: a
/// child asked by its parent to undo itself.
/// </summary>
internal static partial class TaskDecider
{
    /// <summary>During the revert: whether the children of <paramref name="phase"/> are all undone; if not, asks for the next step and waits.</summary>
    private static bool ChildrenUndone(DecisionDraft d, PhaseRecord phase)
    {
        switch (Unwind(d, AwaitedBy(d.State, phase), d.State.RevertStartedAt ?? DateTimeOffset.MinValue))
        {
            case UnwindProgress.Done:
                return true;
            case UnwindProgress.Stuck stuck:
                FailRevert(
                    d,
                    TaskError.Of(
                        "ChildRevertFailed",
                        $"Child task '{stuck.Child.TaskId}' of phase {phase.Index + 1} '{phase.Name}' could not be reverted ({stuck.Child.Error?.Message ?? "no reason given"}). " +
                        "Retrying this task's revert retries the child's revert too."),
                    phase.Index);
                return false;
            default:
                WatchAgainLater(d, phase.Index);
                return false;
        }
    }

    /// <summary>
    /// The next step of undoing children: cancel those still running (and retry the revert of those whose revert failed
    /// before <paramref name="since"/>) all at once; once none runs, revert the newest that succeeded; done when each is
    /// reverted or never existed. Requests are idempotent, so they are sent again on every look that is not a mere report.
    /// </summary>
    private static UnwindProgress Unwind(DecisionDraft d, IReadOnlyList<AwaitedTask> children, DateTimeOffset since)
    {
        var running = new List<ITaskCommand>();
        AwaitedTask? newestSucceeded = null;
        AwaitedTask? revertFailed = null;
        foreach (var child in children)
        {
            if (child.Undone)
            {
                continue;
            }

            if (!child.Known)
            {
                running.Add(new CancelTask(child.TaskId));
            }
            else if (child.State == TaskLifecycleState.RevertFailed && child.At < since)
            {
                running.Add(new RetryRevert(child.TaskId));
            }
            else if (child.State == TaskLifecycleState.RevertFailed)
            {
                revertFailed ??= child;
            }
            else if (newestSucceeded is null || child.Finished > newestSucceeded.Finished || (child.Finished == newestSucceeded.Finished && child.Position > newestSucceeded.Position))
            {
                newestSucceeded = child;
            }
        }

        if (running.Count > 0)
        {
            if (!d.ReportOnly)
            {
                d.Do(new TaskEffect.CommandTasks(running));
                d.Do(new TaskEffect.WatchTasks([.. running.Select(c => c.TaskId)]));
            }

            return new UnwindProgress.Waiting();
        }

        if (newestSucceeded is not null)
        {
            d.Do(new TaskEffect.CommandTasks([new UndoTask(newestSucceeded.TaskId)]));
            if (!d.ReportOnly)
            {
                d.Do(new TaskEffect.WatchTasks([newestSucceeded.TaskId]));
            }

            return new UnwindProgress.Waiting();
        }

        return revertFailed is null ? new UnwindProgress.Done() : new UnwindProgress.Stuck(revertFailed);
    }

    private static void OnUndo(DecisionDraft d)
    {
        switch (d.State)
        {
            case { Exists: false }:
                ReplyNotFound(d);
                return;
            case { State: TaskLifecycleState.Succeeded }:
                StartRevert(d, RevertReason.ParentReverted, error: null);
                d.ReplyAccepted();
                return;
            case { State: TaskLifecycleState.Reverting or TaskLifecycleState.Reverted or TaskLifecycleState.RevertFailed }:
                // Reverting already, or done: the parent learns how it ends from this task's report.
                d.ReplyAccepted();
                return;
            default:
                OnCancel(d);
                return;
        }
    }

    /// <summary>How far undoing a phase's children has come.</summary>
    private abstract record UnwindProgress
    {
        /// <summary>Every child is reverted or never existed.</summary>
        public sealed record Done : UnwindProgress;

        /// <summary>Requests are out; the children report when they finish.</summary>
        public sealed record Waiting : UnwindProgress;

        /// <summary>A child's revert failed.</summary>
        /// <param name="Child">The child.</param>
        public sealed record Stuck(AwaitedTask Child) : UnwindProgress;
    }
}
