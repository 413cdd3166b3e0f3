using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.Tasks;

/// <summary>Reverting: the in-flight phase's undo, then each completed phase's undo newest first, or the task type's own revert.</summary>
internal static partial class TaskDecider
{
    private static void StartRevert(DecisionDraft d, RevertReason reason, TaskError? error)
    {
        // Closing the plan runs its finally blocks; the declarations pulled so far stay available for the undos.
        d.Do(new TaskEffect.ClosePlan());
        d.Record(new RevertStarted(d.TaskId, reason, error, d.Now));
        d.Log(
            reason == RevertReason.Failed ? TaskLogLevel.Warning : TaskLogLevel.Info,
            reason switch
            {
                RevertReason.Failed => $"failed: {error?.Message.TrimEnd('.')}; reverting.",
                RevertReason.ParentReverted => "reverting, as its parent task asked.",
                _ => "cancelled; reverting.",
            });
        LogStackTrace(d, "of the failure that started the revert", error);
        AdvanceRevert(d);
    }

    private static void AdvanceRevert(DecisionDraft d)
    {
        // Phases without an undo are marked reverted in the same decision, so this loops until work runs or the revert ends.
        while (d.Life.Work is null)
        {
            var next = NextToUndo(d.State);

            // Children are undone first (the task's own undo of that phase, if any, runs after theirs).
            if (next is { Wait.Kind: PhaseWaitKind.Children } && !ChildrenUndone(d, next))
            {
                return;
            }

            if (d.Plan is null)
            {
                if (next is null)
                {
                    FinishRevert(d);
                }
                else
                {
                    var why = d.Life.Blocked?.Message ?? $"Task type '{d.State.TaskType}' is not loaded on this node.";
                    FailRevert(d, TaskError.Of("TaskTypeUnavailable", $"{why} The revert needs the task type to undo phase {next.Index + 1}; fix that and retry the revert."), next.Index);
                }

                return;
            }

            if (d.Plan.HasCustomRevert)
            {
                // The task type's own revert undoes the task as a whole, once every child is undone.
                foreach (var phase in d.State.Phases.Reverse().Where(p => p.AwaitsUndo && p.Wait is { Kind: PhaseWaitKind.Children }))
                {
                    if (!ChildrenUndone(d, phase))
                    {
                        return;
                    }
                }

                var runId = d.NextRunId();
                d.Life = d.Life with { Work = new Work(runId, WorkKind.CustomRevert, -1, 0, d.Now) };
                d.Do(new TaskEffect.RunCustomRevert(runId));
                return;
            }

            if (next is null)
            {
                FinishRevert(d);
                return;
            }

            // Undos come from the declarations the plan yields for the recorded phases; past a divergence there are none to trust.
            var declared = d.Plan.StepAt(next.Index, d.State) is PlanStep.Declared step && step.Phase.Name == next.Name ? step.Phase : null;
            if (declared is null && next.HasCompleted)
            {
                FailRevert(
                    d,
                    TaskError.Of(
                        "DefinitionChanged",
                        $"Cannot undo phase {next.Index + 1} '{next.Name}': the current definition of '{d.State.TaskType}' no longer yields it there. " +
                        "Restore the previous definition (or give the task type its own revert) and retry the revert."),
                    next.Index);
                return;
            }

            if (declared is null)
            {
                // An in-flight phase the definition no longer declares: it never completed, and its undo is unknown.
                var skipped = $"phase {next.Index + 1} '{next.Name}' had not completed and the current definition no longer declares it, so its undo is unknown and was skipped";
                d.Log(TaskLogLevel.Warning, skipped + ".");
                d.Record(new PhaseReverted(d.TaskId, next.Index, d.Now, skipped));
                continue;
            }

            if (declared.Undo is null)
            {
                d.Record(new PhaseReverted(d.TaskId, next.Index, d.Now));
                continue;
            }

            var undoRunId = d.NextRunId();
            d.Life = d.Life with { Work = new Work(undoRunId, WorkKind.Undo, next.Index, 0, d.Now) };
            d.Do(new TaskEffect.RunUndo(undoRunId, next.Index, next.HasCompleted));
            return;
        }
    }

    /// <summary>The newest phase not undone yet: the in-flight phase first (it may have half-run), then the completed ones.</summary>
    private static PhaseRecord? NextToUndo(TaskState state)
    {
        for (var i = state.Phases.Count - 1; i >= 0; i--)
        {
            if (state.Phases[i].AwaitsUndo)
            {
                return state.Phases[i];
            }
        }

        return null;
    }

    private static void OnUndoFinished(DecisionDraft d, TaskSignal.UndoFinished signal)
    {
        if (d.Life.Work is not { Kind: WorkKind.Undo or WorkKind.CustomRevert } work || work.RunId != signal.RunId)
        {
            return;
        }

        d.Life = d.Life with { Work = null };
        int? index = work.Kind == WorkKind.Undo ? work.Index : null;
        if (signal.Error is { } error)
        {
            FailRevert(d, error, index);
            return;
        }

        if (index is { } undone)
        {
            d.Record(new PhaseReverted(d.TaskId, undone, d.Now));
            AdvanceRevert(d);
        }
        else
        {
            FinishRevert(d);
        }
    }

    private static void FinishRevert(DecisionDraft d)
    {
        d.Record(new TaskReverted(d.TaskId, d.Now));
        d.Do(new TaskEffect.ClosePlan());
        d.Log(TaskLogLevel.Info, $"reverted ({d.State.RevertReason}).");
    }

    private static void FailRevert(DecisionDraft d, TaskError error, int? index)
    {
        d.Record(new RevertFailed(d.TaskId, error, index, d.Now));
        d.Do(new TaskEffect.ClosePlan());
        d.Log(TaskLogLevel.Error, $"revert failed{(index is null ? string.Empty : $" undoing phase {index + 1}")}: {error.Message}");
        LogStackTrace(d, "of the revert's failure", error);
    }

    /// <summary>
    /// Logs an error of task code with its exception types and stack traces, as information: warnings and errors speak
    /// in words (they are what an operator reads first), the API and the CLI show only the kind and the message, so
    /// this line is where a task's author finds where their code failed. Nothing for an error without a stack trace.
    /// </summary>
    private static void LogStackTrace(DecisionDraft d, string what, TaskError? error)
    {
        if (error?.StackTrace is not { Length: > 0 })
        {
            return;
        }

        var lines = new List<string> { $"stack trace {what}:" };
        for (var e = error; e is not null; e = e.Inner)
        {
            lines.Add(e == error ? e.ToString() : $"caused by {e}");
            if (e.StackTrace is { Length: > 0 } trace)
            {
                lines.Add(trace);
            }
        }

        d.Log(TaskLogLevel.Info, string.Join(Environment.NewLine, lines));
    }
}
