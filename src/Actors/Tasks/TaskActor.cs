using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// One task, event-sourced. Every decision is persisted before it is acted on; <see cref="TaskState.Apply"/> is
/// the only state change and serves both recovery and live persistence. After recovery the actor continues by
/// itself: the next phase, a due retry, the in-flight phase again, or the rest of the revert.
/// </summary>
/// <remarks>
/// Phase bodies, undos and reverts run off the actor thread; their outcome comes back as a message tagged with a
/// launch id, so a late result from an interrupted launch is ignored. Plan code (between <c>yield</c>s) runs on
/// the actor thread.
/// </remarks>
public sealed class TaskActor : ReceivePersistentActor, IWithTimers
{
    private const string RetryTimer = "retry";

    private readonly string _taskId;
    private readonly TaskActorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    private TaskState _state = TaskState.Empty;
    private ITaskDefinition? _definition;
    private object? _input;
    private PlanCursor? _cursor;
    private TaskError? _divergence;
    private TaskState? _planView;
    private RunningWork? _running;
    private PhaseProgress? _progress;
    private int _lastRunId;
    private bool _failureSignalled;

    /// <summary>Initializes the actor for one task id.</summary>
    /// <param name="taskId">The task's id (the shard entity id).</param>
    /// <param name="settings">What all task actors of the node share.</param>
    public TaskActor(string taskId, TaskActorSettings settings)
    {
        _taskId = taskId;
        _settings = settings;
        PersistenceId = PersistenceIds.ForTask(taskId);

        Recover<ITaskEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SubmitTask>(Handle);
        Command<GetTaskStatus>(q => Sender.Tell(_state.Exists ? TaskStatusViewBuilder.Build(_state, _running?.Index, _progress, ExpectedPhaseCount()) : new TaskNotFound(q.TaskId)));
        Command<RevertTask>(Handle);
        Command<RetryRevert>(Handle);
        Command<ContinueTask>(_ => Continue());
        Command<RetryDue>(Handle);
        Command<PhaseAttemptSucceeded>(Handle);
        Command<PhaseAttemptFaulted>(Handle);
        Command<PhaseProgressed>(p => _progress = p.RunId == _running?.RunId ? p.Progress : _progress);
        Command<RevertStepSucceeded>(Handle);
        Command<RevertStepFaulted>(Handle);
        Command<ReceiveTimeout>(_ => Passivate());
    }

    /// <inheritdoc/>
    public override string PersistenceId { get; }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Creates the props of a task actor.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="settings">What all task actors of the node share.</param>
    /// <returns>The props.</returns>
    /// <remarks>
    /// Built from the type and its arguments rather than a <c>() => new TaskActor(...)</c> expression: Akka compiles
    /// an expression into a new dynamic method for every task, which cost more CPU than the task's own events.
    /// </remarks>
    public static Props Props(string taskId, TaskActorSettings settings) => Akka.Actor.Props.Create(typeof(TaskActor), taskId, settings);

    /// <inheritdoc/>
    protected override void PostStop()
    {
        // The work may go on in the background; it is re-run (at-least-once) by whoever recovers the task next.
        _running?.Cancellation.Cancel();
        CloseCursor();
        base.PostStop();
    }

    /// <inheritdoc/>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The event was not stored, so nothing it stands for happened; stop and let recovery decide again.
        _log.Error(cause, "Task {0}: event {1} #{2} was rejected by the journal; stopping so the task recovers from what is stored.", _taskId, @event.GetType().Name, sequenceNr);
        base.OnPersistRejected(cause, @event, sequenceNr);
        Context.Stop(Self);
    }

    private DateTimeOffset Now => _settings.TimeProvider.GetUtcNow();

    private int? ExpectedPhaseCount()
    {
        try
        {
            return _definition is not null && _input is not null ? _definition.ExpectedPhaseCount(_input) : null;
        }
        catch (Exception e)
        {
            // Informative only: a task type's faulty count must not break status queries.
            _log.Warning(e, "Task {0}: ExpectedPhaseCount of '{1}' threw; the status shows no phase count.", _taskId, _state.TaskType);
            return null;
        }
    }

    private void OnRecovered()
    {
        if (_state.Exists && !_state.IsFinished)
        {
            _log.Info("Task {0} recovered in state {1} with {2} phase(s) recorded; continuing.", _taskId, _state.State, _state.Phases.Count);
        }

        RefreshIdleTimeout();
        Self.Tell(ContinueTask.Instance);
    }

    private void Record(ITaskEvent @event, Action then)
    {
        Persist(@event, stored =>
        {
            _state = _state.Apply(stored);
            RefreshIdleTimeout();
            then();
        });
    }

    /// <summary>
    /// Persists two events in one journal write (one commit), applies each as it is stored, and runs
    /// <paramref name="afterFirst"/> and <paramref name="then"/> once the first and the second are applied.
    /// </summary>
    private void Record(ITaskEvent first, ITaskEvent second, Action afterFirst, Action then)
    {
        var stored = 0;
        PersistAll([first, second], @event =>
        {
            _state = _state.Apply(@event);
            if (++stored == 1)
            {
                afterFirst();
                return;
            }

            RefreshIdleTimeout();
            then();
        });
    }

    /// <summary>
    /// Pulls the plan's next declaration as if <paramref name="view"/> were already stored (plan code sees its
    /// outputs), so that an event and the decision it leads to are written together. Plan code is deterministic and
    /// does no I/O, so pulling it before the event is stored changes nothing: if the write fails the actor stops and
    /// its successor pulls the plan again from what was stored.
    /// </summary>
    private PlanStep PullAhead(TaskState view)
    {
        _planView = view;
        try
        {
            ReplayRecordedPhases();
            return _cursor!.Next();
        }
        finally
        {
            _planView = null;
        }
    }

    private void Handle(SubmitTask command)
    {
        if (!TaskIds.IsValid(command.TaskId))
        {
            Sender.Tell(new CommandRejected(command.TaskId, RejectionCode.InvalidInput, TaskIds.Explain(command.TaskId)));
            return;
        }

        if (!_settings.Registry.TryResolve(command.TaskType, out var definition))
        {
            Sender.Tell(new CommandRejected(command.TaskId, RejectionCode.UnknownType, new UnknownTaskTypeException(command.TaskType, _settings.Registry.Names).Message, StateIfExists()));
            return;
        }

        BoundInput bound;
        try
        {
            bound = definition.BindInput(command.InputJson);
        }
        catch (TaskInputException e)
        {
            Sender.Tell(new CommandRejected(command.TaskId, RejectionCode.InvalidInput, e.Message, StateIfExists()));
            return;
        }

        if (_state.Exists)
        {
            var same = _state.TaskType == command.TaskType && _state.InputJson == bound.CanonicalJson;
            Sender.Tell(same
                ? new TaskSubmitted(_taskId, _state.State, Created: false)
                : new CommandRejected(
                    _taskId,
                    RejectionCode.Conflict,
                    $"Task '{_taskId}' already exists with type '{_state.TaskType}' and a different {(_state.TaskType == command.TaskType ? "input" : "type")}; " +
                    "an id can be submitted again only with the same type and input.",
                    _state.State));
            return;
        }

        var sender = Sender;
        var accepted = new TaskAccepted(_taskId, definition.TypeName, bound.CanonicalJson, $"{definition.TypeName}@{definition.Version}", Now);
        Record(accepted, () =>
        {
            _definition = definition;
            _input = bound.Value;
            _log.Info("Task {0} accepted ({1}).", _taskId, definition.TypeName);
            sender.Tell(new TaskSubmitted(_taskId, _state.State, Created: true));
            Continue();
        });
    }

    private void Handle(RevertTask command)
    {
        var replyTo = Sender;
        if (!_state.Exists)
        {
            Reply(replyTo, new CommandRejected(command.TaskId, RejectionCode.NotFound, $"No task has id '{command.TaskId}'."));
            return;
        }

        switch (_state.State)
        {
            case TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted:
                Reply(replyTo, Rejected($"Task '{_taskId}' already finished ({_state.State}); only a pending, running or suspended task can be cancelled."));
                return;
            case TaskLifecycleState.RevertFailed:
                Reply(replyTo, Rejected($"Task '{_taskId}' is in RevertFailed; send retry-revert to run the revert again."));
                return;
            case TaskLifecycleState.Reverting:
                Reply(replyTo, Rejected($"Task '{_taskId}' is already reverting ({_state.RevertReason})."));
                return;
        }

        if (_running is { Kind: RunningWorkKind.Phase } running)
        {
            if (_state.CancelRequested)
            {
                Reply(replyTo, new CommandAccepted(_taskId, _state.State));
                return;
            }

            // The revert starts once the running attempt has returned, so its outcome is recorded first.
            Record(new CancelRequested(_taskId, Now), () =>
            {
                running.Cancellation.Cancel();
                Reply(replyTo, new CommandAccepted(_taskId, _state.State));
            });
            return;
        }

        Timers.Cancel(RetryTimer);
        StartRevert(command.Reason, command.Error, () => Reply(replyTo, new CommandAccepted(_taskId, _state.State)));
    }

    private void Handle(RetryRevert command)
    {
        var replyTo = Sender;
        if (!_state.Exists)
        {
            Reply(replyTo, new CommandRejected(command.TaskId, RejectionCode.NotFound, $"No task has id '{command.TaskId}'."));
            return;
        }

        if (_state.State != TaskLifecycleState.RevertFailed)
        {
            Reply(replyTo, Rejected($"Task '{_taskId}' is {_state.State}; only a task in RevertFailed can have its revert retried."));
            return;
        }

        Record(new RevertStarted(_taskId, _state.RevertReason ?? RevertReason.Failed, _state.Error, Now), () =>
        {
            Reply(replyTo, new CommandAccepted(_taskId, _state.State));
            AdvanceRevert();
        });
    }

    private void Continue()
    {
        if (_running is not null || !_state.Exists)
        {
            return;
        }

        switch (_state.State)
        {
            case TaskLifecycleState.Pending or TaskLifecycleState.Running when _state.CancelRequested:
                StartRevert(RevertReason.Cancelled, null, () => { });
                break;
            case TaskLifecycleState.Pending or TaskLifecycleState.Running:
                AdvanceRun();
                break;
            case TaskLifecycleState.Reverting:
                AdvanceRevert();
                break;
        }
    }

    private void AdvanceRun()
    {
        if (!TryLoadDefinition())
        {
            return;
        }

        if (ReplayRecordedPhases() is { } divergence)
        {
            CloseCursor();
            Record(new TaskSuspended(_taskId, divergence, Now), () =>
                _log.Warning("Task {0} suspended: {1}", _taskId, divergence.Message));
            return;
        }

        switch (_state.InFlightPhase)
        {
            case { State: PhaseLifecycleState.Running, RetryAt: { } due } waiting:
                ScheduleRetry(waiting.Index, due);
                return;
            case { State: PhaseLifecycleState.Running } interrupted:
                // The attempt that was running when the task last stopped: its outcome was never recorded, so run it again.
                Launch(interrupted.Index, interrupted.Attempts);
                return;
            case { State: PhaseLifecycleState.Failed } failed:
                SignalFailure(failed.Error ?? TaskError.Of("PhaseFailed", $"Phase {failed.Index} '{failed.Name}' failed."));
                return;
        }

        var index = _state.Phases.Count;
        switch (_cursor!.Next())
        {
            case PlanStep.Declared declared:
                Record(new PhaseStarted(_taskId, index, declared.Phase.Name, 1, Now), () => Launch(index, 1));
                break;
            case PlanStep.Ended:
                Record(new TaskSucceeded(_taskId, Now), () =>
                {
                    CloseCursor();
                    _log.Info("Task {0} succeeded after {1} phase(s).", _taskId, _state.Phases.Count);
                });
                break;
            case PlanStep.Threw threw:
                SignalFailure(TaskError.From(threw.Exception));
                break;
        }
    }

    /// <summary>Makes sure the cursor has pulled a declaration for every recorded phase, each with the recorded name.</summary>
    /// <returns><see langword="null"/>, or the "task definition changed" error.</returns>
    private TaskError? ReplayRecordedPhases()
    {
        if (_cursor is null || (_cursor.IsClosed && _cursor.Count < _state.Phases.Count))
        {
            _cursor?.Close();
            _cursor = new PlanCursor(_definition!, _taskId, _input!, () => (_planView ?? _state).CompletedPhases);
        }

        while (_divergence is null && _cursor.Count < _state.Phases.Count)
        {
            var recorded = _state.Phases[_cursor.Count];
            var yieldedNow = _cursor.Next() switch
            {
                PlanStep.Declared d when d.Phase.Name == recorded.Name => null,
                PlanStep.Declared d => $"the plan now yields '{d.Phase.Name}'",
                PlanStep.Ended => "the plan now ends before it",
                PlanStep.Threw t => $"the plan now throws {t.Exception.GetType().Name}: {t.Exception.Message}",
                _ => "the plan yields something unexpected",
            };
            if (yieldedNow is not null)
            {
                _divergence = TaskError.Of(
                    "DefinitionChanged",
                    $"Task definition changed: phase {recorded.Index} was recorded as '{recorded.Name}' but {yieldedNow} " +
                    $"(task type '{_state.TaskType}', accepted by {_state.PlanFingerprint}). Nothing was run; cancel the task to revert what was recorded, " +
                    "or restore the previous definition.");
            }
        }

        return _divergence;
    }

    private void Launch(int index, int attempt)
    {
        var phase = _cursor!.At(index)!;
        var runId = ++_lastRunId;
        var cancellation = new CancellationTokenSource();
        _running = new RunningWork(runId, RunningWorkKind.Phase, index, attempt, cancellation);
        _progress = null;

        var self = Self;
        var input = _input!;
        // The body runs on another thread: give it a snapshot, not a view of the actor's state.
        IReadOnlyList<CompletedPhase> earlier = [.. _state.CompletedPhases.Where(p => p.Index < index)];
        var outputs = new PhaseOutputs(() => earlier);
        WorkRunner
            .RunPhaseAsync(phase, attempt, runId, cancellation, token => new PhaseContext(
                _taskId, index, phase.Name, attempt, input, outputs, progress => self.Tell(new PhaseProgressed(runId, progress)), token))
            .PipeTo(self);
    }

    private void Handle(PhaseAttemptSucceeded result)
    {
        if (Current(result.RunId, RunningWorkKind.Phase) is not { } work)
        {
            return;
        }

        var name = _state.Phases[work.Index].Name;
        var completed = new PhaseCompleted(_taskId, work.Index, name, result.OutputJson, Now);
        if (_state.CancelRequested)
        {
            Record(completed, () =>
            {
                Finish(work);
                StartRevert(RevertReason.Cancelled, null, () => { });
            });
            return;
        }

        // The completion and what follows it (the next phase's start, or the task's success) are one write: a phase
        // costs one commit. The completion is still stored before the next phase runs.
        switch (PullAhead(_state.Apply(completed)))
        {
            case PlanStep.Declared next:
                Record(completed, new PhaseStarted(_taskId, work.Index + 1, next.Phase.Name, 1, Now), () => Finish(work), () => Launch(work.Index + 1, 1));
                break;
            case PlanStep.Ended:
                Record(completed, new TaskSucceeded(_taskId, Now), () => Finish(work), () =>
                {
                    CloseCursor();
                    _log.Info("Task {0} succeeded after {1} phase(s).", _taskId, _state.Phases.Count);
                });
                break;
            case PlanStep.Threw threw:
                Record(completed, () =>
                {
                    Finish(work);
                    SignalFailure(TaskError.From(threw.Exception));
                });
                break;
        }
    }

    private void Handle(PhaseAttemptFaulted result)
    {
        if (Current(result.RunId, RunningWorkKind.Phase) is not { } work)
        {
            return;
        }

        var phase = _state.Phases[work.Index];
        var retryAt = result.Retryable && !_state.CancelRequested
            ? Now + _cursor!.At(work.Index)!.Retry.DelayAfter(work.Attempt)
            : (DateTimeOffset?)null;
        Record(new PhaseAttemptFailed(_taskId, work.Index, phase.Name, work.Attempt, result.Error, retryAt, Now), () =>
        {
            Finish(work);
            if (_state.CancelRequested)
            {
                StartRevert(RevertReason.Cancelled, null, () => { });
            }
            else if (retryAt is { } due)
            {
                _log.Info("Task {0}: phase {1} '{2}' attempt {3} failed ({4}); retrying at {5:O}.", _taskId, work.Index, phase.Name, work.Attempt, result.Error.Message, due);
                ScheduleRetry(work.Index, due);
            }
            else
            {
                SignalFailure(result.Error);
            }
        });
    }

    private void ScheduleRetry(int index, DateTimeOffset due)
    {
        var delay = due - Now;
        Timers.StartSingleTimer(RetryTimer, new RetryDue(index), delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
    }

    private void Handle(RetryDue due)
    {
        if (_running is not null || _state.State != TaskLifecycleState.Running || _state.CancelRequested
            || _state.InFlightPhase is not { State: PhaseLifecycleState.Running, RetryAt: not null } waiting || waiting.Index != due.Index)
        {
            return;
        }

        var attempt = waiting.Attempts + 1;
        Record(new PhaseStarted(_taskId, waiting.Index, waiting.Name, attempt, Now), () => Launch(waiting.Index, attempt));
    }

    /// <summary>Compensation is a message: a failure sends this actor the same revert command a cancel would.</summary>
    private void SignalFailure(TaskError error)
    {
        if (_failureSignalled)
        {
            return;
        }

        _failureSignalled = true;
        _log.Warning("Task {0} failed: {1}; reverting.", _taskId, error);
        Self.Tell(new RevertTask(_taskId, RevertReason.Failed, error), ActorRefs.NoSender);
    }

    private void StartRevert(RevertReason reason, TaskError? error, Action then)
    {
        // Closing the plan runs its finally blocks; the declarations pulled so far stay available for the undos.
        CloseCursor();
        Record(new RevertStarted(_taskId, reason, error, Now), () =>
        {
            then();
            AdvanceRevert();
        });
    }

    private void AdvanceRevert()
    {
        if (_running is not null || !TryLoadDefinition())
        {
            return;
        }

        if (_definition!.HasCustomRevert)
        {
            LaunchCustomRevert();
            return;
        }

        var next = _state.Phases.LastOrDefault(p => p.State == PhaseLifecycleState.Completed);
        if (next is null)
        {
            Record(new TaskReverted(_taskId, Now), () =>
            {
                CloseCursor();
                _log.Info("Task {0} reverted ({1}).", _taskId, _state.RevertReason);
            });
            return;
        }

        // Undos come from the declarations the plan yields for the recorded phases; past a divergence there are none to trust.
        ReplayRecordedPhases();
        var phase = _cursor!.At(next.Index) is { } declared && declared.Name == next.Name ? declared : null;
        if (phase is null)
        {
            var error = TaskError.Of(
                "DefinitionChanged",
                $"Cannot undo phase {next.Index} '{next.Name}': the current definition of '{_state.TaskType}' no longer yields it there. " +
                "Restore the previous definition (or give the task type its own revert) and retry the revert.");
            Record(new RevertFailed(_taskId, error, next.Index, Now), CloseCursor);
            return;
        }

        if (phase.Undo is null)
        {
            Record(new PhaseReverted(_taskId, next.Index, Now), AdvanceRevert);
            return;
        }

        var runId = ++_lastRunId;
        var cancellation = new CancellationTokenSource();
        _running = new RunningWork(runId, RunningWorkKind.Undo, next.Index, 0, cancellation);
        var context = new UndoContext(_taskId, new CompletedPhase(next.Index, next.Name, next.OutputJson), _input!, _state.RevertReason ?? RevertReason.Failed, _state.Error, cancellation.Token);
        var undo = phase.Undo;
        WorkRunner.RunRevertStepAsync(() => undo(context), runId).PipeTo(Self);
    }

    private void LaunchCustomRevert()
    {
        var runId = ++_lastRunId;
        var cancellation = new CancellationTokenSource();
        _running = new RunningWork(runId, RunningWorkKind.CustomRevert, -1, 0, cancellation);
        var inFlight = _state.InFlightPhase is { } f ? new InFlightPhase(f.Index, f.Name, f.Attempts, f.Error) : null;
        var context = new RevertContext(_taskId, _state.CompletedPhases, inFlight, _state.Error, _state.RevertReason ?? RevertReason.Failed, cancellation.Token);
        var definition = _definition!;
        var input = _input!;
        WorkRunner.RunRevertStepAsync(() => definition.RevertAsync(input, context), runId).PipeTo(Self);
    }

    private void Handle(RevertStepSucceeded result)
    {
        switch (Current(result.RunId, RunningWorkKind.Undo) ?? Current(result.RunId, RunningWorkKind.CustomRevert))
        {
            case { Kind: RunningWorkKind.Undo } undo:
                Record(new PhaseReverted(_taskId, undo.Index, Now), () =>
                {
                    Finish(undo);
                    AdvanceRevert();
                });
                break;
            case { Kind: RunningWorkKind.CustomRevert } revert:
                Record(new TaskReverted(_taskId, Now), () =>
                {
                    Finish(revert);
                    CloseCursor();
                });
                break;
        }
    }

    private void Handle(RevertStepFaulted result)
    {
        if ((Current(result.RunId, RunningWorkKind.Undo) ?? Current(result.RunId, RunningWorkKind.CustomRevert)) is not { } work)
        {
            return;
        }

        int? index = work.Kind == RunningWorkKind.Undo ? work.Index : null;
        Record(new RevertFailed(_taskId, result.Error, index, Now), () =>
        {
            Finish(work);
            CloseCursor();
            _log.Error("Task {0}: revert failed{1}: {2}", _taskId, index is null ? string.Empty : $" undoing phase {index}", result.Error);
        });
    }

    private RunningWork? Current(int runId, RunningWorkKind kind) =>
        _running is { } running && running.RunId == runId && running.Kind == kind ? running : null;

    private void Finish(RunningWork work)
    {
        work.Cancellation.Dispose();
        _running = null;
        _progress = null;
        RefreshIdleTimeout();
    }

    private bool TryLoadDefinition()
    {
        if (_definition is not null)
        {
            return true;
        }

        if (!_settings.Registry.TryResolve(_state.TaskType, out var definition))
        {
            // Not journaled: the type may be registered again after a redeploy, and then the task simply continues.
            _log.Error("Task {0} cannot continue: {1}", _taskId, new UnknownTaskTypeException(_state.TaskType, _settings.Registry.Names).Message);
            return false;
        }

        try
        {
            _input = definition.BindInput(_state.InputJson).Value;
        }
        catch (TaskInputException e)
        {
            _log.Error("Task {0} cannot continue: its stored input no longer binds: {1}", _taskId, e.Message);
            return false;
        }

        _definition = definition;
        return true;
    }

    private void CloseCursor()
    {
        if (_cursor?.Close() is { } error)
        {
            _log.Warning("Task {0}: a finally block of the plan threw while the plan was closed: {1}", _taskId, error.Message);
        }
    }

    private void RefreshIdleTimeout()
    {
        var idle = _running is null && (!_state.Exists || _state.IsFinished || _state.State == TaskLifecycleState.Suspended);
        Context.SetReceiveTimeout(idle ? _settings.IdleTimeout : null);
    }

    private void Passivate()
    {
        if (_running is not null)
        {
            return;
        }

        if (_settings.PassivateThroughParent)
        {
            Context.Parent.Tell(new Passivate(PoisonPill.Instance));
        }
        else
        {
            Context.Stop(Self);
        }
    }

    private TaskLifecycleState? StateIfExists() => _state.Exists ? _state.State : null;

    private CommandRejected Rejected(string message) => new(_taskId, RejectionCode.InvalidState, message, _state.State);

    private void Reply(IActorRef replyTo, object message)
    {
        if (!replyTo.IsNobody() && !replyTo.Equals(Self))
        {
            replyTo.Tell(message);
        }
    }
}
