using PhaseFlow.Contracts;
using PhaseFlow.Tests.Fixtures;

namespace PhaseFlow.Tests.Actors.Tasks.Schedules;

/// <summary>
/// The reference model: what a task following a <see cref="FaultSchedule"/> must end with, worked out from PhaseFlow's
/// rules alone (no actor, no journal): completed phases run once, an interrupted run runs again, the K-th interrupted
/// run of an attempt fails it, a failure or cancel undoes the in-flight phase and then the completed ones newest first,
/// and each undo that was recorded runs once.
/// </summary>
public static class ScheduleModel
{
    /// <summary>How many interrupted runs in a row fail an attempt, as the fuzzed node is configured.</summary>
    public const int MaxInterruptedRuns = 2;

    /// <summary>Works out the expected outcome.</summary>
    public static ExpectedOutcome Expect(FaultSchedule schedule)
    {
        var used = new HashSet<(GatePoint, int)>();
        Intervention? Reach(GatePoint point, int index) =>
            schedule.At(point, index) is { } intervention && used.Add((point, index)) ? intervention : null;

        var runs = new int[schedule.Phases.Count];
        var completed = new List<int>();
        int? inFlight = null;
        RevertReason? reason = null;

        for (var index = 0; reason is null && index <= schedule.Phases.Count; index++)
        {
            if (schedule.PlanThrowsAt == index)
            {
                reason = RevertReason.Failed;
                break;
            }

            if (index == schedule.Phases.Count)
            {
                break;
            }

            var phase = schedule.Phases[index];
            inFlight = index;
            var attempt = 1;
            var interruptions = 0;
            while (true)
            {
                // One run of the attempt: the schedule may act before and after its effect.
                var outcome = RunOnce(index, Reach, runs);
                if (outcome == RunOutcome.Cancelled)
                {
                    reason = RevertReason.Cancelled;
                    break;
                }

                if (outcome == RunOutcome.Interrupted && ++interruptions < MaxInterruptedRuns)
                {
                    continue;
                }

                var failed = outcome == RunOutcome.Interrupted || phase.Fails(attempt);
                if (!failed)
                {
                    completed.Add(index);
                    inFlight = null;
                    break;
                }

                if (attempt < phase.MaxAttempts)
                {
                    attempt++;
                    interruptions = 0;
                    continue;
                }

                reason = RevertReason.Failed;
                break;
            }
        }

        if (reason is null)
        {
            return new ExpectedOutcome(TaskLifecycleState.Succeeded, runs, completed, [], new int[schedule.Phases.Count]);
        }

        // The revert: the in-flight phase first (it may have half-run), then the completed ones, newest first.
        var undoStarts = new int[schedule.Phases.Count];
        var undone = new List<int>();
        var toUndo = (inFlight is { } flying ? [flying] : new List<int>()).Concat(Enumerable.Reverse(completed)).ToList();
        var failedOnce = new HashSet<int>();
        var retried = false;
        foreach (var index in toUndo)
        {
            while (true)
            {
                undoStarts[index]++;
                if (Reach(GatePoint.Undo, index) is { Action: InterventionAction.Crash })
                {
                    continue;
                }

                if (schedule.Phases[index].UndoFailsOnce && failedOnce.Add(index))
                {
                    if (!schedule.RetryRevert || retried)
                    {
                        return new ExpectedOutcome(TaskLifecycleState.RevertFailed, runs, completed, undone, undoStarts);
                    }

                    retried = true;
                    continue;
                }

                undone.Add(index);
                break;
            }
        }

        return new ExpectedOutcome(TaskLifecycleState.Reverted, runs, completed, undone, undoStarts);
    }

    private static RunOutcome RunOnce(int index, Func<GatePoint, int, Intervention?> reach, int[] runs)
    {
        switch (reach(GatePoint.BeforeEffect, index)?.Action)
        {
            case InterventionAction.Cancel:
                return RunOutcome.Cancelled;
            case InterventionAction.Crash:
                return RunOutcome.Interrupted;
        }

        runs[index]++;
        return reach(GatePoint.AfterEffect, index)?.Action switch
        {
            InterventionAction.Cancel => RunOutcome.Cancelled,
            InterventionAction.Crash => RunOutcome.Interrupted,
            _ => RunOutcome.Returned,
        };
    }

    private enum RunOutcome
    {
        Returned,
        Cancelled,
        Interrupted,
    }
}

/// <summary>What the model says a schedule ends with.</summary>
/// <param name="State">The final state.</param>
/// <param name="Runs">How often each phase's effect happens.</param>
/// <param name="Completed">The phases that complete, in order (each recorded once).</param>
/// <param name="Undone">The undos that finish, in order (each effect exactly once).</param>
/// <param name="UndoStarts">How often each phase's undo starts (again after a crash inside it, or after it failed).</param>
public sealed record ExpectedOutcome(TaskLifecycleState State, int[] Runs, IReadOnlyList<int> Completed, IReadOnlyList<int> Undone, int[] UndoStarts);
