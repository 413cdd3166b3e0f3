using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>Running phases: the next declaration, attempts and their outcomes, retries, timeouts and interrupted runs.</summary>
internal static partial class TaskDecider
{
    private static void AdvanceRun(DecisionDraft d)
    {
        if (d.Plan is null)
        {
            return;
        }

        if (FindDivergence(d) is { } divergence)
        {
            d.Record(new TaskSuspended(d.TaskId, divergence, d.Now));
            d.Do(new TaskEffect.ClosePlan());
            d.Log(TaskLogLevel.Warning, $"suspended: {divergence.Message}");
            return;
        }

        switch (d.State.InFlightPhase)
        {
            case { State: PhaseLifecycleState.Failed } failed:
                StartRevert(d, RevertReason.Failed, failed.Error ?? TaskError.Of("PhaseFailed", $"Phase {failed.Index + 1} '{failed.Name}' failed."));
                return;
            case { State: PhaseLifecycleState.Running, RetryAt: { } due } waiting when due > d.Now:
                WaitUntil(d, new TaskEffect.ScheduleRetry(waiting.Index, due), due);
                return;
            case { State: PhaseLifecycleState.Running, RetryAt: not null } due:
                StartAttempt(d, due.Index, due.Name, due.Attempts + 1, interruptions: 0);
                return;
            case { State: PhaseLifecycleState.Running, RetryAt: null, Wait: not null } waiting:
                // A waiting phase runs no code, so a restart interrupts nothing: it goes on waiting for the same thing.
                ContinueWait(d, waiting);
                return;
            case { State: PhaseLifecycleState.Running } interrupted:
                // Started, and no outcome recorded, and not running in this life: the node stopped while it ran.
                RunAgainAfterInterruption(d, interrupted);
                return;
        }

        var index = d.State.Phases.Count;
        switch (d.Plan.StepAt(index, d.State))
        {
            case PlanStep.Declared declared:
                d.Life = d.Life with { VerifiedPhases = index + 1 };
                StartAttempt(d, index, declared.Phase.Name, attempt: 1, interruptions: 0);
                break;
            case PlanStep.Ended:
                d.Record(new TaskSucceeded(d.TaskId, d.Now));
                d.Do(new TaskEffect.ClosePlan());
                d.Log(TaskLogLevel.Info, $"succeeded after {d.State.Phases.Count} phase(s).");
                break;
            case PlanStep.Threw threw:
                StartRevert(d, RevertReason.Failed, threw.Error);
                break;
        }
    }

    /// <summary>
    /// Checks the recorded phases this life has not checked yet against what the plan declares at their index.
    /// </summary>
    /// <returns>The "task definition changed" error, or <see langword="null"/> when every recorded phase matches.</returns>
    private static TaskError? FindDivergence(DecisionDraft d)
    {
        var phases = d.State.Phases;
        for (var i = d.Life.VerifiedPhases; i < phases.Count; i++)
        {
            var recorded = phases[i];
            var now = d.Plan!.StepAt(i, d.State) switch
            {
                PlanStep.Declared declared when declared.Phase.Name == recorded.Name => null,
                PlanStep.Declared declared => $"the plan now yields '{declared.Phase.Name}'",
                PlanStep.Ended => "the plan now ends before it",
                PlanStep.Threw threw => $"the plan now fails there ({threw.Error.Message})",
                _ => "the plan yields something unexpected",
            };
            if (now is not null)
            {
                return TaskError.Of(
                    "DefinitionChanged",
                    $"Task definition changed: phase {recorded.Index + 1} was recorded as '{recorded.Name}' but {now} " +
                    $"(task type '{d.State.TaskType}', accepted by {d.State.TypeVersion}). Nothing was run; restore the previous definition " +
                    "and resume the task, or cancel it to undo what the current definition still declares.");
            }
        }

        d.Life = d.Life with { VerifiedPhases = phases.Count };
        return null;
    }

    private static void StartAttempt(DecisionDraft d, int index, string name, int attempt, int interruptions)
    {
        if (d.Plan?.StepAt(index, d.State) is PlanStep.Declared { Phase.Wait: { } wait })
        {
            StartWait(d, index, name, attempt, wait);
            return;
        }

        d.Record(new PhaseStarted(d.TaskId, index, name, attempt, d.Now, interruptions));
        var runId = d.NextRunId();
        d.Life = d.Life with { Work = new Work(runId, WorkKind.Attempt, index, attempt, d.Now) };
        d.Do(new TaskEffect.RunAttempt(runId, index, attempt));
    }

    private static void RunAgainAfterInterruption(DecisionDraft d, PhaseRecord phase)
    {
        var interruptions = phase.Interruptions + 1;
        if (interruptions < d.Rules.MaxInterruptedRuns)
        {
            // The same attempt again (same idempotency key): its outcome was never recorded.
            StartAttempt(d, phase.Index, phase.Name, phase.Attempts, interruptions);
            return;
        }

        var error = TaskError.Of(
            "PhaseInterrupted",
            $"Phase {phase.Index + 1} '{phase.Name}' attempt {phase.Attempts} was interrupted {interruptions} times in a row: the node stopped " +
            "while it ran (a crash, running out of memory, a kill). It counts as a failed attempt, so it is not run again and again.");
        d.Log(TaskLogLevel.Warning, error.Message);
        FailAttempt(d, phase.Index, phase.Name, phase.Attempts, error, retryWanted: true);
    }

    /// <summary>Records a failed attempt; the phase's retry policy decides between another attempt and the revert.</summary>
    private static void FailAttempt(DecisionDraft d, int index, string name, int attempt, TaskError error, bool retryWanted)
    {
        var policy = d.Plan?.StepAt(index, d.State) is PlanStep.Declared declared ? declared.Phase.Retry : RetryPolicy.None;
        var retry = retryWanted && !d.State.CancelRequested && attempt < policy.MaxAttempts;
        DateTimeOffset? retryAt = retry ? d.Now + policy.DelayAfter(attempt) : null;
        d.Record(new PhaseAttemptFailed(d.TaskId, index, name, attempt, error, retryAt, d.Now));
        if (retryAt is { } due)
        {
            d.Log(TaskLogLevel.Info, $"phase {index + 1} '{name}' attempt {attempt} failed ({error.Message}); attempt {attempt + 1} at {due:O}.");
        }

        Advance(d);
    }

    private static void OnAttemptFinished(DecisionDraft d, TaskSignal.AttemptFinished signal)
    {
        if (d.Life.Work is not { Kind: WorkKind.Attempt } work || work.RunId != signal.RunId)
        {
            return;
        }

        d.Life = d.Life with { Work = null };
        var name = d.State.Phases[work.Index].Name;
        switch (signal.Outcome)
        {
            case AttemptOutcome.Completed completed:
                d.Record(new PhaseCompleted(d.TaskId, work.Index, name, completed.OutputJson, d.Now));

                // The next phase's start (or the task's end) goes into the same write as this completion.
                Advance(d);
                break;
            case AttemptOutcome.Failed failed:
                FailAttempt(d, work.Index, name, work.Attempt, failed.Error, failed.RetryWanted);
                break;
        }
    }

    private static void OnAttemptTimedOut(DecisionDraft d, TaskSignal.AttemptTimedOut signal)
    {
        if (d.Life.Work is not { Kind: WorkKind.Attempt, Stopping: null } work || work.RunId != signal.RunId)
        {
            return;
        }

        d.Life = d.Life with { Work = work with { Stopping = new PhaseStopping(PhaseStopReason.TimedOut, d.Now) } };
        d.Log(TaskLogLevel.Warning, $"phase {work.Index + 1} attempt {work.Attempt} timed out; its token is cancelled and the task waits for its body to return.");
    }

    private static void OnRetryDue(DecisionDraft d, TaskSignal.RetryDue signal)
    {
        if (d.State is { State: TaskLifecycleState.Running, InFlightPhase: { RetryAt: not null } waiting } && waiting.Index == signal.Index)
        {
            Advance(d);
        }
    }

    private static void OnEarlierRunReturned(DecisionDraft d, TaskSignal.EarlierRunReturned signal)
    {
        if (d.Life.Work is { Kind: WorkKind.EarlierRun } work && work.RunId == signal.RunId)
        {
            d.Life = d.Life with { Work = null };
            Advance(d);
        }
    }
}
