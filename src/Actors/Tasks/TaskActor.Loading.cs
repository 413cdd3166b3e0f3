using Akka.Event;
using PhaseFlow.Contracts.Authoring;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>Loading the task's type and input, which runs task code (binding, validation, the phase count), guarded.</summary>
public sealed partial class TaskActor
{
    /// <summary>Binds a submission's input (task code) so the decider gets data, never an exception.</summary>
    private SubmissionCheck Check(SubmitTask command)
    {
        if (!_settings.Registry.TryResolve(command.TaskType, out var definition))
        {
            return new SubmissionCheck.Refused(RejectionCode.UnknownType, new UnknownTaskTypeException(command.TaskType, _settings.Registry.Names).Message);
        }

        BoundInput bound;
        try
        {
            bound = definition.BindInput(command.InputJson ?? string.Empty);
        }
        catch (TaskInputException e)
        {
            return new SubmissionCheck.Refused(RejectionCode.InvalidInput, e.Message);
        }
        catch (Exception e)
        {
            _log.Warning("Task {0}: task type '{1}' failed while checking a submission's input: {2}", _taskId, command.TaskType, e.Message);
            LogStackTrace(e, "of the task type's input check");
            return new SubmissionCheck.Refused(
                RejectionCode.TaskTypeFault,
                $"Task type '{command.TaskType}' failed while checking the input ({e.GetType().Name}: {e.Message}). This is a fault in the task type, not in the request; nothing was stored.");
        }

        if (!_state.Exists)
        {
            if (!_admitted && !_settings.Admission.TryAdmit())
            {
                return new SubmissionCheck.Refused(
                    RejectionCode.Overloaded,
                    $"This node already runs {_settings.Admission.Limit} tasks, as many as it may (MaxRunningTasks); nothing was stored. Try again when some have finished.");
            }

            _admitted = true;
            _task = new LoadedTask(definition, bound.Value, new PlanReplay(definition, _taskId, bound.Value));
        }

        return new SubmissionCheck.Bound(bound.CanonicalJson, $"{definition.TypeName}@{definition.Version}");
    }

    /// <summary>Asks the task's type whether it declares a signal (task code), so the decider gets data, never an exception.</summary>
    private bool Declares(string signal)
    {
        if (_task is not { } task)
        {
            return false;
        }

        try
        {
            return task.Definition.DeclaredSignals(task.Input).Contains(signal);
        }
        catch (Exception e)
        {
            _log.Warning("Task {0}: task type '{1}' failed while listing the signals it declares ({2}); signal '{3}' counts as not declared.", _taskId, _state.TaskType, e.Message, signal);
            LogStackTrace(e, "of the task type's declared signals");
            return false;
        }
    }

    /// <summary>Loads the task's type and binds its stored input.</summary>
    /// <returns><see langword="null"/>, or why the task cannot run on this node.</returns>
    private TaskProblem? Load()
    {
        if (!_settings.Registry.TryResolve(_state.TaskType, out var definition))
        {
            return new TaskProblem(
                $"{new UnknownTaskTypeException(_state.TaskType, _settings.Registry.Names).Message} The task waits here without running; " +
                "start a node that has the type (it continues there), or cancel the task.",
                Now);
        }

        try
        {
            var input = definition.BindInput(_state.InputJson).Value;
            _task = new LoadedTask(definition, input, new PlanReplay(definition, _taskId, input));
            return null;
        }
        catch (Exception e)
        {
            var why = e is TaskInputException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            return new TaskProblem(
                $"The stored input no longer binds to task type '{_state.TaskType}' as deployed here ({why}). The task waits without running; " +
                "deploy a definition that accepts it, or cancel the task.",
                Now);
        }
    }

    private int? ExpectedPhaseCount()
    {
        if (_phaseCountAsked || _task is null)
        {
            return _phaseCount;
        }

        _phaseCountAsked = true;
        try
        {
            _phaseCount = _task.Definition.ExpectedPhaseCount(_task.Input);
        }
        catch (Exception e)
        {
            // Informative only: a task type's faulty count must not break status queries.
            _log.Warning("Task {0}: ExpectedPhaseCount of '{1}' failed ({2}); the status shows no phase count.", _taskId, _state.TaskType, e.Message);
            LogStackTrace(e, "of ExpectedPhaseCount");
        }

        return _phaseCount;
    }
}
