using Akka.Actor;
using Akka.Event;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>Performing what <see cref="TaskDecider"/> decided, once its events are stored: launching work, timers, replies, logs.</summary>
public sealed partial class TaskActor
{
    private const string RetryTimer = "retry";

    private Launch? _launch;
    private Task? _earlierRun;
    private TaskTelemetry? _telemetry;

    /// <summary>Gets the labels of this task's spans, metrics and log scope; known once the task was accepted.</summary>
    private TaskTelemetry Telemetry => _telemetry ??= new TaskTelemetry(_taskId, _state.TaskType, _state.TraceParent, _settings.TaskCodeLogger, _settings.Throughput);

    private void Perform(TaskEffect effect, IActorRef replyTo)
    {
        switch (effect)
        {
            case TaskEffect.Reply reply:
                if (!replyTo.IsNobody() && !replyTo.Equals(Self))
                {
                    replyTo.Tell(reply.Message);
                }

                break;
            case TaskEffect.RunAttempt attempt:
                LaunchAttempt(attempt);
                break;
            case TaskEffect.RunUndo undo:
                LaunchUndo(undo);
                break;
            case TaskEffect.RunCustomRevert revert:
                LaunchCustomRevert(revert);
                break;
            case TaskEffect.StopAttempt stop when _launch?.RunId == stop.RunId:
                _launch.Cancellation.Cancel();
                break;
            case TaskEffect.StopAttempt:
                break;
            case TaskEffect.ScheduleRetry retry:
                StartTimer(new TaskSignal.RetryDue(retry.Index), retry.Due);
                break;
            case TaskEffect.ScheduleWait wait:
                StartTimer(new TaskSignal.WaitDue(wait.Index), wait.Due);
                break;
            case TaskEffect.Sleep sleep:
                Sleep(sleep);
                break;
            case TaskEffect.StartChildren start:
                StartChildren(start);
                break;
            case TaskEffect.WatchTasks watch:
                WatchTasks(watch);
                break;
            case TaskEffect.CommandTasks command:
                CommandTasks(command);
                break;
            case TaskEffect.CancelRetry:
                Timers.Cancel(RetryTimer);
                break;
            case TaskEffect.AwaitEarlierRun wait:
                var runId = wait.RunId;
                (_earlierRun ?? Task.CompletedTask)
                    .ContinueWith(_ => (object)new TaskSignal.EarlierRunReturned(runId), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)
                    .PipeTo(Self);
                break;
            case TaskEffect.ClosePlan:
                LogPlanCloseError(_task?.Plan.Close());
                break;
            case TaskEffect.Log { Level: TaskLogLevel.Info } log:
                _log.Info("Task {0} {1}", _taskId, log.Message);
                break;
            case TaskEffect.Log { Level: TaskLogLevel.Warning } log:
                _log.Warning("Task {0} {1}", _taskId, log.Message);
                break;
            case TaskEffect.Log log:
                _log.Error("Task {0} {1}", _taskId, log.Message);
                break;
            default:
                throw new InvalidOperationException($"The task actor cannot perform {effect.GetType().Name}.");
        }
    }

    /// <summary>Starts the task's one timer (a retry or a wait is due; a task waits for one of them at a time, and a cancel forgets it).</summary>
    private void StartTimer(TaskSignal due, DateTimeOffset at)
    {
        var delay = at - Now;
        Timers.StartSingleTimer(RetryTimer, due, delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
    }

    private void LaunchAttempt(TaskEffect.RunAttempt attempt)
    {
        var phase = DeclarationAt(attempt.Index);
        var runId = attempt.RunId;
        var index = attempt.Index;
        var cancellation = StartLaunch(runId);
        _progress = null;

        var self = Self;
        var taskId = _taskId;
        var input = _task!.Input;

        // The body runs on another thread: it gets a snapshot of the outputs before it, not a view of the actor's state.
        var earlier = _state.CompletedBefore(index);
        var outputs = new PhaseOutputs(() => earlier);
        var work = WorkRunner.RunAttemptAsync(
            phase,
            runId,
            attempt.Attempt,
            cancellation.Token,
            _settings.TimeProvider,
            () => self.Tell(new TaskSignal.AttemptTimedOut(runId)),
            token => new PhaseContext(taskId, index, phase.Name, attempt.Attempt, input, outputs, progress => self.Tell(new PhaseProgressed(runId, progress)), token),
            Telemetry,
            index);
        Track(work);
    }

    private void LaunchUndo(TaskEffect.RunUndo undo)
    {
        var undoPhase = DeclarationAt(undo.Index).Undo!;
        var cancellation = StartLaunch(undo.RunId);
        var record = _state.Phases[undo.Index];
        var context = new UndoContext(
            _taskId,
            new CompletedPhase(record.Index, record.Name, record.OutputJson),
            _task!.Input,
            _state.RevertReason ?? RevertReason.Failed,
            _state.Error,
            cancellation.Token,
            undo.PhaseCompleted);
        var index = undo.Index;
        Track(WorkRunner.RunUndoAsync(() => undoPhase(context), undo.RunId, Telemetry, t => t.StartUndo(index, record.Name)));
    }

    private void LaunchCustomRevert(TaskEffect.RunCustomRevert revert)
    {
        var cancellation = StartLaunch(revert.RunId);
        var inFlight = _state.InFlightPhase is { } f ? new InFlightPhase(f.Index, f.Name, f.Attempts, f.Error) : null;
        var context = new RevertContext(_taskId, _state.CompletedPhases, inFlight, _state.Error, _state.RevertReason ?? RevertReason.Failed, cancellation.Token);
        var definition = _task!.Definition;
        var input = _task.Input;
        Track(WorkRunner.RunUndoAsync(() => definition.RevertAsync(input, context), revert.RunId, Telemetry, t => t.StartRevert()));
    }

    /// <summary>The declaration the decider ran or undoes; it exists, since the decider saw it before deciding.</summary>
    private Phase DeclarationAt(int index) =>
        _task!.Plan.StepAt(index, _state) is PlanStep.Declared declared
            ? declared.Phase
            : throw new InvalidOperationException($"Task {_taskId}: the plan has no declaration at {index}, yet work was decided for it.");

    private CancellationTokenSource StartLaunch(int runId)
    {
        var cancellation = new CancellationTokenSource();
        _launch = new Launch(runId, cancellation);
        return cancellation;
    }

    private void Track<T>(Task<T> work)
    {
        _settings.EarlierRuns.Track(_taskId, work);
        work.PipeTo(Self);
    }

    private void ReleaseLaunch(int runId)
    {
        if (_launch?.RunId == runId)
        {
            _launch.Cancellation.Dispose();
            _launch = null;
            _progress = null;
        }
    }

    private void LogPlanCloseError(Exception? error)
    {
        if (error is not null)
        {
            _log.Warning("Task {0}: a finally block of the plan failed while the plan was closed ({1}); the task's outcome is unchanged.", _taskId, error.Message);
            LogStackTrace(error, "of the plan's finally block");
        }
    }
}
