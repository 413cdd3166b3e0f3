using PhaseFlow.Actors.Awaiting;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Decides what a task does next: a pure function of the task's stored state, the actor's life state, one signal and
/// the time, returning the events to store and the effects to perform. The task actor only stores and performs.
/// </summary>
/// <remarks>
/// <para>Every signal has a defined answer, and every path ends in one of three ways: work is running (its outcome
/// comes back as a signal), the task waits for a timer or an operator, or it is settled. No event is recorded that
/// the journal could not replay, and nothing starts while an earlier run of the same task has not returned.</para>
/// <para>Split by concern: commands here, running phases in <c>TaskDecider.Run.cs</c>, reverting in
/// <c>TaskDecider.Revert.cs</c>, delays and signals in <c>TaskDecider.Wait.cs</c>, waiting for other tasks in
/// <c>TaskDecider.Await.cs</c> and undoing children in <c>TaskDecider.Unwind.cs</c>.</para>
/// </remarks>
internal static partial class TaskDecider
{
    /// <summary>Decides what one signal leads to.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="state">The task's stored state.</param>
    /// <param name="life">The actor's life state.</param>
    /// <param name="signal">What happened.</param>
    /// <param name="now">The time.</param>
    /// <param name="plan">The task's plan, or <see langword="null"/> when its type or input cannot be loaded here.</param>
    /// <param name="rules">The node's rules.</param>
    /// <returns>The events to store, the life state after them, and the effects to perform.</returns>
    public static Decision Decide(string taskId, TaskState state, Incarnation life, TaskSignal signal, DateTimeOffset now, ITaskPlan? plan, TaskRules rules)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var draft = new DecisionDraft(taskId, state, life, now, plan, rules);
        switch (signal)
        {
            case TaskSignal.Recovered recovered:
                OnRecovered(draft, recovered);
                break;
            case TaskSignal.Submit submit:
                OnSubmit(draft, submit);
                break;
            case TaskSignal.Cancel:
                OnCancel(draft);
                break;
            case TaskSignal.RetryRevert:
                OnRetryRevert(draft);
                break;
            case TaskSignal.Resume:
                OnResume(draft);
                break;
            case TaskSignal.AttemptFinished finished:
                OnAttemptFinished(draft, finished);
                break;
            case TaskSignal.AttemptTimedOut timedOut:
                OnAttemptTimedOut(draft, timedOut);
                break;
            case TaskSignal.UndoFinished undone:
                OnUndoFinished(draft, undone);
                break;
            case TaskSignal.RetryDue due:
                OnRetryDue(draft, due);
                break;
            case TaskSignal.EarlierRunReturned returned:
                OnEarlierRunReturned(draft, returned);
                break;
            case TaskSignal.WaitDue due:
                OnWaitDue(draft, due);
                break;
            case TaskSignal.Signal delivered:
                OnSignal(draft, delivered);
                break;
            case TaskSignal.Watched watched:
                OnWatched(draft, watched);
                break;
            case TaskSignal.Undo:
                OnUndo(draft);
                break;
            default:
                throw new ArgumentException($"No decision is defined for {signal.GetType().Name}.", nameof(signal));
        }

        return draft.ToDecision();
    }

    private static void OnRecovered(DecisionDraft d, TaskSignal.Recovered signal)
    {
        d.Life = d.Life with { Blocked = signal.Blocked };
        if (!d.State.Exists || d.State.IsSettled)
        {
            return;
        }

        d.Log(TaskLogLevel.Info, $"recovered in state {d.State.State} with {d.State.Phases.Count} phase(s) recorded; continuing.");
        if (signal.Blocked is { } blocked)
        {
            d.Log(TaskLogLevel.Warning, $"cannot continue: {blocked.Message}");
        }

        if (signal.EarlierRun)
        {
            // The previous life of this actor (same node) left a body running: a second run must not overlap it.
            var runId = d.NextRunId();
            var inFlight = d.State.InFlightPhase;
            d.Life = d.Life with
            {
                Work = new Work(runId, WorkKind.EarlierRun, inFlight?.Index ?? -1, inFlight?.Attempts ?? 0, d.Now, new PhaseStopping(PhaseStopReason.EarlierRun, d.Now)),
            };
            d.Do(new TaskEffect.AwaitEarlierRun(runId));
            return;
        }

        Advance(d);
    }

    private static void OnSubmit(DecisionDraft d, TaskSignal.Submit signal)
    {
        var command = signal.Command;
        if (!TaskIds.IsValid(command.TaskId))
        {
            d.ReplyRejected(RejectionCode.InvalidInput, TaskIds.Explain(command.TaskId));
            return;
        }

        if (command.Lineage is { } ancestors && (ancestors.Count >= ChildTaskIds.MaxDepth || !ancestors.All(TaskIds.IsValid) || ancestors.Contains(command.TaskId)))
        {
            d.ReplyRejected(RejectionCode.InvalidInput, $"The lineage of child task '{command.TaskId}' must be 1 to {ChildTaskIds.MaxDepth - 1} valid task ids other than its own.");
            return;
        }

        var state = d.State;
        if (state.Exists && state.ParentId != (command.Lineage is { Count: > 0 } submitted ? submitted[^1] : null))
        {
            d.ReplyRejected(
                RejectionCode.Conflict,
                $"Task '{d.TaskId}' already exists {(state.ParentId is null ? "as a task of its own" : $"as a child of '{state.ParentId}'")}; an id can be submitted again only by the same parent.");
            return;
        }

        if (state.Exists)
        {
            switch (signal.Check)
            {
                case SubmissionCheck.Bound bound when state.TaskType == command.TaskType && state.InputJson == bound.CanonicalJson:
                    d.Reply(new TaskSubmitted(d.TaskId, state.State, Created: false));
                    return;
                case SubmissionCheck.Refused refused when state.TaskType == command.TaskType:
                    d.ReplyRejected(refused.Code, refused.Message);
                    return;
                default:
                    d.ReplyRejected(
                        RejectionCode.Conflict,
                        $"Task '{d.TaskId}' already exists with type '{state.TaskType}' and a different {(state.TaskType == command.TaskType ? "input" : "type")}; " +
                        "an id can be submitted again only with the same type and input.");
                    return;
            }
        }

        switch (signal.Check)
        {
            case SubmissionCheck.Refused refused:
                d.ReplyRejected(refused.Code, refused.Message);
                return;
            case SubmissionCheck.Bound bound:
                d.Record(new TaskAccepted(d.TaskId, command.TaskType, bound.CanonicalJson, bound.TypeVersion, d.Now, TaskTracing.Readable(command.TraceParent), command.Lineage is { Count: > 0 } lineage ? lineage : null));
                d.Log(TaskLogLevel.Info, $"accepted ({command.TaskType}).");

                // The first phase's start goes into the same write as the acceptance.
                Advance(d);
                d.Reply(new TaskSubmitted(d.TaskId, d.State.State, Created: true));
                return;
        }
    }

    private static void OnCancel(DecisionDraft d)
    {
        var state = d.State;
        if (!state.Exists)
        {
            ReplyNotFound(d);
            return;
        }

        switch (state.State)
        {
            case TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted:
                d.ReplyRejected(RejectionCode.InvalidState, $"Task '{d.TaskId}' already finished ({state.State}); only a pending, running or suspended task can be cancelled.");
                return;
            case TaskLifecycleState.RevertFailed:
                d.ReplyRejected(RejectionCode.InvalidState, $"Task '{d.TaskId}' is in RevertFailed; send retry-revert to run the revert again.");
                return;
            case TaskLifecycleState.Reverting when state.RevertReason == RevertReason.Cancelled:
                // Cancelling twice changes nothing the second time.
                d.ReplyAccepted();
                return;
            case TaskLifecycleState.Reverting:
                d.ReplyRejected(RejectionCode.InvalidState, $"Task '{d.TaskId}' is already reverting after a failure.");
                return;
        }

        if (d.Life.Work is { Kind: WorkKind.Attempt or WorkKind.EarlierRun } work)
        {
            // The revert starts once the body has returned, so its outcome is recorded first and nothing overlaps it.
            if (!state.CancelRequested)
            {
                d.Record(new CancelRequested(d.TaskId, d.Now));
                if (work.Kind == WorkKind.Attempt)
                {
                    d.Do(new TaskEffect.StopAttempt(work.RunId));
                }

                d.Life = d.Life with { Work = work with { Stopping = work.Stopping ?? new PhaseStopping(PhaseStopReason.Cancelled, d.Now) } };
                d.Log(TaskLogLevel.Info, $"cancel requested; waiting for phase {work.Index + 1} to return before reverting.");
            }

            d.ReplyAccepted();
            return;
        }

        d.Do(new TaskEffect.CancelRetry());
        StartRevert(d, RevertReason.Cancelled, error: null);
        d.ReplyAccepted();
    }

    private static void OnRetryRevert(DecisionDraft d)
    {
        var state = d.State;
        if (!Requires(d, TaskLifecycleState.RevertFailed, "only a task in RevertFailed can have its revert retried"))
        {
            return;
        }

        d.Record(new RevertStarted(d.TaskId, state.RevertReason ?? RevertReason.Failed, state.Error, d.Now));
        d.Log(TaskLogLevel.Info, "revert retried.");
        AdvanceRevert(d);
        d.ReplyAccepted();
    }

    private static void OnResume(DecisionDraft d)
    {
        if (!Requires(d, TaskLifecycleState.Suspended, "only a suspended task can be resumed"))
        {
            return;
        }

        if (d.Plan is null)
        {
            d.ReplyRejected(RejectionCode.InvalidState, $"Task '{d.TaskId}' cannot be resumed on this node: {d.Life.Blocked?.Message ?? "its task type is not loaded"}");
            return;
        }

        // Check the whole journal against the plan again: the definition may have been restored since the suspension.
        d.Life = d.Life with { VerifiedPhases = 0 };
        if (FindDivergence(d) is { } divergence)
        {
            d.ReplyRejected(RejectionCode.InvalidState, $"Task '{d.TaskId}' still does not match its definition, so it stays suspended. {divergence.Message}");
            return;
        }

        d.Record(new TaskResumed(d.TaskId, d.Now));
        d.Log(TaskLogLevel.Info, "resumed: the definition matches the journal again.");
        Advance(d);
        d.ReplyAccepted();
    }

    /// <summary>Answers a command that needs the task in <paramref name="required"/> when it does not exist or is elsewhere.</summary>
    /// <returns><see langword="true"/> when the task exists and is in that state.</returns>
    private static bool Requires(DecisionDraft d, TaskLifecycleState required, string rule)
    {
        if (!d.State.Exists)
        {
            ReplyNotFound(d);
            return false;
        }

        if (d.State.State != required)
        {
            d.ReplyRejected(RejectionCode.InvalidState, $"Task '{d.TaskId}' is {d.State.State}; {rule}.");
            return false;
        }

        return true;
    }

    private static void ReplyNotFound(DecisionDraft d) => d.ReplyRejected(RejectionCode.NotFound, $"No task has id '{d.TaskId}'.");

    /// <summary>Moves the task on from where its state says it is, until work runs, it waits, or it is settled.</summary>
    private static void Advance(DecisionDraft d)
    {
        // Blocked: the type or input cannot be loaded on this node. Nothing moves by itself (another node, or this one
        // after a redeploy, may have the type); only an operator's command does.
        if (d.Life.Work is not null || !d.State.Exists || d.Life.Blocked is not null)
        {
            return;
        }

        switch (d.State.State)
        {
            case TaskLifecycleState.Pending or TaskLifecycleState.Running when d.State.CancelRequested:
                StartRevert(d, RevertReason.Cancelled, error: null);
                break;
            case TaskLifecycleState.Pending or TaskLifecycleState.Running:
                AdvanceRun(d);
                break;
            case TaskLifecycleState.Reverting:
                AdvanceRevert(d);
                break;
        }
    }
}
