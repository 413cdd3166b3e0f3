using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using PhaseFlow.Actors.Awaiting;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Actors.Serialization;
using PhaseFlow.Actors.WakeUps;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// One task, event-sourced. The actor is a shell: it turns each message into a <see cref="TaskSignal"/>, asks
/// <see cref="TaskDecider"/> what follows, stores the decided events and then performs the decided effects
/// (<c>TaskActor.Effects.cs</c>). <see cref="TaskState.Apply"/> is the only state change, for recovery and live alike.
/// </summary>
/// <remarks>
/// Task code runs in three places, each guarded: the plan (on this thread, through <see cref="PlanReplay"/>), input
/// binding (here, when a submission is checked or the task is loaded) and phase bodies, undos and reverts (off this
/// thread, through <see cref="WorkRunner"/>). A journal that fails stops the actor; the next actor of the task backs
/// off (<see cref="TaskRestarts"/>, <c>TaskActor.Quarantine.cs</c>) instead of running anything again at once.
/// </remarks>
public sealed partial class TaskActor : ReceivePersistentActor, IWithTimers
{
    private readonly string _taskId;
    private readonly TaskActorSettings _settings;
    private readonly ILoggingAdapter _log;
    private TaskState _state = TaskState.Empty;
    private Incarnation _life = Incarnation.Fresh;
    private LoadedTask? _task;
    private int? _phaseCount;
    private bool _phaseCountAsked;
    private PhaseProgress? _progress;
    private bool _passivating;
    private TaskProblem? _unreadable;
    private bool _admitted;

    /// <summary>Initializes the actor for one task id.</summary>
    /// <param name="taskId">The task's id (the shard entity id).</param>
    /// <param name="settings">What all task actors of the node share.</param>
    public TaskActor(string taskId, TaskActorSettings settings)
    {
        _taskId = taskId;
        _settings = settings;

        // The task's id as the log source: the node's logger opens the task's log scope from it.
        _log = new BusLogging(Context.System.EventStream, TaskLogScope.SourceOf(taskId), typeof(TaskActor), Context.System.Settings.LogFormatter);
        PersistenceId = PersistenceIds.ForTask(taskId);
        _trouble = settings.Restarts.Find(taskId);
        _inBackoff = _trouble is not null && _trouble.RetryAt > Now;

        Recover<ITaskEvent>(e => _state = _unreadable is null ? _state.Apply(e) : _state);
        Recover<UnreadableEvent>(e => _unreadable ??= new TaskProblem(
            $"Event #{LastSequenceNr} of this task's journal cannot be read ({e.Manifest}: {e.Reason}). The task does nothing " +
            "until a version of PhaseFlow that can read it runs it; nothing was changed.",
            Now));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SubmitTask>(command => Decide(new TaskSignal.Submit(command, Check(command))));
        Command<CancelTask>(_ => Decide(new TaskSignal.Cancel()));
        Command<RetryRevert>(_ => Decide(new TaskSignal.RetryRevert()));
        Command<ResumeTask>(_ =>
        {
            // Judge the definition afresh: it may have been restored since the task was suspended.
            LogPlanCloseError(_task?.Plan.Reset());
            Decide(new TaskSignal.Resume());
        });
        Command<SignalTask>(command => Decide(new TaskSignal.Signal(command, Declares(command.Name))));
        Command<UndoTask>(_ => OnUndoTask());
        Command<WatchTask>(OnWatchTask);
        Command<WatchedTaskState>(OnWatchedTaskState);
        Command<ReportsQueued>(_ => DecideReports());
        Command<GetTaskStatus>(query => AnswerStatus(query));
        Command<TaskSignal>(Decide);
        Command<PhaseProgressed>(p => _progress = _life.Work?.RunId == p.RunId ? p.Progress : _progress);
        Command<WakeTask>(OnWakeTask);
        Command<WakeUpRecorded>(OnWakeUpRecorded);
        Command<WakeUpNotRecorded>(failed => _log.Warning(
            "Task {0} could not record its wake-up for {1:O} ({2}); it waits in memory instead.", _taskId, failed.WakeUp.Due, failed.Reason));
        Command<ReceiveTimeout>(_ => PassivateIfIdle());
        Command<StopTask>(_ => Context.Stop(Self));
    }

    /// <inheritdoc/>
    public override string PersistenceId { get; }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => _settings.TimeProvider.GetUtcNow();

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
    protected override bool AroundReceive(Receive receive, object message)
    {
        // Between asking the shard to passivate and being stopped, a client's message must not start anything here:
        // handed back to the shard, it is buffered and delivered to this task's next actor.
        if (_passivating && message is IWithTaskId)
        {
            Context.Parent.Forward(message);
            return true;
        }

        return base.AroundReceive(receive, message);
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        // Work may go on in the background; the next actor of this task on this node waits for it (EarlierRuns).
        _launch?.Cancellation.Cancel();
        LogPlanCloseError(_task?.Plan.Close());
        if (_admitted)
        {
            _settings.Admission.Release();
        }

        base.PostStop();
    }

    private void OnRecovered()
    {
        if (EnterQuarantineIfTroubled())
        {
            return;
        }

        // A finished task needs neither its type nor its plan: it only answers queries. A suspended task (resume,
        // cancel) and one whose revert failed (retry-revert) still need them for the commands that move them on.
        var blocked = _state.Exists && _state.State is not (TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted) ? Load() : null;
        if (_state.Exists && !_state.IsSettled)
        {
            PhaseFlowMetrics.TasksRecovered.Add(1, new KeyValuePair<string, object?>(TaskTelemetryNames.TaskType, _state.TaskType));
        }

        _earlierRun = _settings.EarlierRuns.Running(_taskId);
        Decide(new TaskSignal.Recovered(blocked, _earlierRun is not null));
    }

    private void Decide(TaskSignal signal)
    {
        var replyTo = Sender;
        if (signal is TaskSignal.AttemptFinished { RunId: var attemptRun })
        {
            ReleaseLaunch(attemptRun);
        }
        else if (signal is TaskSignal.UndoFinished { RunId: var undoRun })
        {
            ReleaseLaunch(undoRun);
        }

        var decision = TaskDecider.Decide(_taskId, _state, _life, signal, Now, _task?.Plan, _settings.Rules);
        var before = _state.State;
        if (decision.Events.Count == 0)
        {
            Carry(decision, replyTo, signal, before);
            return;
        }

        var left = decision.Events.Count;
        var writing = Stopwatch.GetTimestamp();
        PersistAll(decision.Events, stored =>
        {
            _state = _state.Apply(stored);
            if (--left == 0)
            {
                PhaseFlowMetrics.JournalWriteDuration.Record(Stopwatch.GetElapsedTime(writing).TotalSeconds);

                // Open event streams read the journal when told (TaskChangeRelay carries this to every node).
                Context.System.EventStream.Publish(new TaskEventsStored(_taskId, LastSequenceNr));
                ForgetTrouble();
                Carry(decision, replyTo, signal, before);
            }
        });
    }

    private void Carry(Decision decision, IActorRef replyTo, TaskSignal signal, TaskLifecycleState before)
    {
        _life = decision.Next;
        ReportIfFinished(before);
        _asleepFor = null;
        _readyToSleep = false;
        KeepAdmission();
        foreach (var effect in decision.Effects)
        {
            Perform(effect, replyTo);
        }

        if (_state.IsSettled && decision.Events.Count == 0 && signal is TaskSignal.Recovered)
        {
            // Recovered and nothing to store: the journal reads fine again.
            ForgetTrouble();
        }

        if (!_state.Exists && signal is not TaskSignal.Recovered)
        {
            // A command for an id nothing was submitted under: do not keep (or remember) an empty actor.
            Passivate();
            return;
        }

        RefreshIdleTimeout();
    }

    /// <summary>Holds a place in the node's count while the task runs, and gives it back once the task settled.</summary>
    private void KeepAdmission()
    {
        var running = _state.Exists && !_state.IsSettled;
        if (running && !_admitted)
        {
            _settings.Admission.Enter();
        }
        else if (!running && _admitted)
        {
            _settings.Admission.Release();
        }

        _admitted = running;
    }

    private void AnswerStatus(GetTaskStatus query)
    {
        if (!_state.Exists)
        {
            Sender.Tell(new TaskNotFound(query.TaskId));
            Passivate();
            return;
        }

        Sender.Tell(View());
    }

    private TaskStatusView View() => TaskStatusViewBuilder.Build(_state, _life, _progress, ExpectedPhaseCount(), null);

    private void RefreshIdleTimeout()
    {
        Context.SetReceiveTimeout(IsAsleep ? _settings.Sleep!.Grace : IsIdle ? _settings.IdleTimeout : null);
    }

    private void PassivateIfIdle()
    {
        if (IsIdle || IsAsleep)
        {
            Passivate();
        }
    }

    /// <summary>Gets a value indicating whether nothing runs, nothing is due and the task is settled (or does not exist).</summary>
    private bool IsIdle => _life.IsIdle && !Timers.IsTimerActive(RetryTimer) && (!_state.Exists || _state.IsSettled);

    /// <summary>Gets a value indicating whether the task waits and may leave memory: only a stored wake-up or a command moves it on.</summary>
    private bool IsAsleep => _readyToSleep && _life.IsIdle && _settings.Sleep is not null;

    private void Passivate()
    {
        if (_passivating)
        {
            return;
        }

        if (_settings.PassivateThroughParent)
        {
            _passivating = true;
            Context.Parent.Tell(new Passivate(StopTask.Instance));
        }
        else
        {
            Context.Stop(Self);
        }
    }
}
