using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// A task's plan, enumerated on demand: it pulls declarations one at a time, remembers them (the undos of every phase
/// the plan yielded stay available), shows plan code the recorded outputs of the phases before the one it is
/// deciding, and turns whatever plan code throws into a <see cref="PlanStep.Threw"/>. The seed's <c>close()</c> is
/// <see cref="Close"/>: it disposes the enumerator, so the plan's <c>finally</c> blocks run.
/// </summary>
/// <remarks>
/// Plan code runs on the calling (actor) thread. Because plans are deterministic, a closed plan that is asked for a
/// declaration it has not pulled yet simply starts a fresh enumeration and replays up to it.
/// </remarks>
internal sealed class PlanReplay : ITaskPlan, IDisposable
{
    private readonly ITaskDefinition _definition;
    private readonly string _taskId;
    private readonly object _input;
    private readonly List<Phase> _declared = [];
    private IEnumerator<Phase>? _enumerator;
    private PlanStep? _end;
    private TaskState _seen = TaskState.Empty;

    /// <summary>Initializes a replay; nothing of the plan runs until the first <see cref="StepAt"/>.</summary>
    /// <param name="definition">The task type.</param>
    /// <param name="taskId">The task's id.</param>
    /// <param name="input">The bound input.</param>
    public PlanReplay(ITaskDefinition definition, string taskId, object input)
    {
        _definition = definition;
        _taskId = taskId;
        _input = input;
    }

    /// <inheritdoc/>
    public bool HasCustomRevert => _definition.HasCustomRevert;

    /// <inheritdoc/>
    public PlanStep StepAt(int index, TaskState state)
    {
        if (index < _declared.Count)
        {
            return new PlanStep.Declared(_declared[index]);
        }

        if (_end is not null)
        {
            return _end;
        }

        _seen = state;
        if (_enumerator is null)
        {
            // First use, or the plan was closed before it got this far: enumerate afresh from the start.
            _declared.Clear();
            try
            {
                _enumerator = _definition.CreatePlan(_input, new PlanContext(_taskId, new PhaseOutputs(() => _seen.CompletedBefore(_declared.Count)))).GetEnumerator();
            }
            catch (Exception e)
            {
                return End(new PlanStep.Threw(TaskError.From(e)));
            }
        }

        while (_declared.Count <= index)
        {
            try
            {
                if (!_enumerator.MoveNext())
                {
                    return End(new PlanStep.Ended());
                }

                _declared.Add(_enumerator.Current ?? throw new InvalidOperationException($"The plan yielded null at index {_declared.Count}; yield a Phase."));
            }
            catch (Exception e)
            {
                return End(new PlanStep.Threw(TaskError.From(e)));
            }
        }

        return new PlanStep.Declared(_declared[index]);
    }

    /// <summary>Disposes the plan's enumerator (its <c>finally</c> blocks run) but keeps the declarations pulled so far.</summary>
    /// <returns>What a <c>finally</c> block threw, if anything; the caller logs it.</returns>
    public Exception? Close()
    {
        var enumerator = _enumerator;
        _enumerator = null;
        try
        {
            enumerator?.Dispose();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>Closes the plan and forgets everything it yielded, so the next <see cref="StepAt"/> judges the definition afresh.</summary>
    /// <returns>What a <c>finally</c> block threw, if anything.</returns>
    public Exception? Reset()
    {
        var error = Close();
        _declared.Clear();
        _end = null;
        return error;
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    private PlanStep End(PlanStep end)
    {
        // An enumerator that ended or threw is finished; disposing it runs nothing more. What it says is final for this life.
        _end = end;
        _ = Close();
        return end;
    }
}
