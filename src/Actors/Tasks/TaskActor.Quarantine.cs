using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// When the journal fails: the actor records the trouble (<see cref="TaskRestarts"/>) and stops. An actor of the task
/// that starts while the backoff lasts does not recover, answers every message with the problem, and stops itself when
/// the backoff is over, so its shard starts a fresh one. Nothing of the task runs in between. A journal with an event
/// this version cannot read puts the task in the same quarantine for as long as the actor lives: retrying cannot help.
/// </summary>
public sealed partial class TaskActor
{
    private const string QuarantineTimer = "quarantine";

    // Set when the actor starts: the trouble an earlier actor of this task left, and whether its backoff still lasts.
    private TaskTrouble? _trouble;
    private bool _inBackoff;

    /// <inheritdoc/>
    public override Recovery Recovery => _inBackoff ? Recovery.None : base.Recovery;

    /// <inheritdoc/>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Akka stops the actor after this: the write may or may not have happened, so only a fresh recovery can tell.
        var trouble = _settings.Restarts.Fail(_taskId, $"The journal could not store the task's event ({cause.Message})", _state.Exists ? View() : null, Now);
        _log.Error("Task {0}: the journal could not store event #{1} ({2}): {3} The task stops and tries again at {4:O}.", _taskId, sequenceNr, @event.GetType().Name, cause.Message, trouble.RetryAt);
        LogStackTrace(cause, "of the journal's failure");
    }

    /// <inheritdoc/>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The event was not stored, so nothing it stands for happened; stop and let a later recovery decide again.
        var trouble = _settings.Restarts.Fail(_taskId, $"The journal rejected the task's event ({cause.Message})", _state.Exists ? View() : null, Now);
        _log.Error("Task {0}: the journal rejected event #{1} ({2}): {3} The task stops and tries again at {4:O}.", _taskId, sequenceNr, @event.GetType().Name, cause.Message, trouble.RetryAt);
        LogStackTrace(cause, "of the journal's rejection");
        Context.Stop(Self);
    }

    /// <inheritdoc/>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        var trouble = _settings.Restarts.Fail(_taskId, $"The task's journal could not be read ({reason.Message})", null, Now);
        _log.Error("Task {0}: its journal could not be read ({1}); the task tries again at {2:O}.", _taskId, reason.Message, trouble.RetryAt);
        LogStackTrace(reason, "of the journal's read failure");
    }

    private bool EnterQuarantineIfTroubled()
    {
        if (_inBackoff)
        {
            var trouble = _trouble!;
            Timers.StartSingleTimer(QuarantineTimer, QuarantineOver.Instance, trouble.RetryAt - Now);
            Quarantine(trouble.ToProblem(), trouble.LastView);
            return true;
        }

        if (_unreadable is { } unreadable)
        {
            _log.Error("Task {0}: {1}", _taskId, unreadable.Message);
            Quarantine(unreadable, lastView: null);
            return true;
        }

        return false;
    }

    private void Quarantine(TaskProblem problem, TaskStatusView? lastView) => Become(() =>
    {
        Command<GetTaskStatus>(query => Sender.Tell(lastView is { } view ? view with { Problem = problem } : new TaskUnavailable(query.TaskId, problem)));
        Command<ITaskCommand>(command => Sender.Tell(new CommandRejected(command.TaskId, RejectionCode.Unavailable, problem.Message, lastView?.State)));
        Command<QuarantineOver>(_ => Context.Stop(Self));
        Command<StopTask>(_ => Context.Stop(Self));
        CommandAny(_ => { });
    });

    /// <summary>The journal worked again: the backoff starts from the beginning next time.</summary>
    private void ForgetTrouble()
    {
        if (_trouble is not null)
        {
            _settings.Restarts.Clear(_taskId);
            _trouble = null;
        }
    }

    /// <summary>The backoff is over: stop, so the shard starts an actor that recovers.</summary>
    private sealed class QuarantineOver
    {
        public static QuarantineOver Instance { get; } = new();
    }

    // Warnings and errors say what happened in words; the exception's types and stack trace follow as information, for
    // whoever investigates, so an operator's view of the log (warnings and up) never shows them.
    private void LogStackTrace(Exception cause, string what) =>
        _log.Info("Task {0}: stack trace {1}: {2}", _taskId, what, cause);
}
