using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Pulls a task's plan one declaration at a time and remembers what it pulled, so the undo of any phase the
/// plan yielded can be found later. The outputs the plan sees are those of the phases it yielded before,
/// which makes a replay see exactly what the original run saw.
/// </summary>
internal sealed class PlanCursor : IDisposable
{
    private readonly List<Phase> _declared = [];
    private IEnumerator<Phase>? _enumerator;
    private bool _ended;

    /// <summary>Initializes a cursor over a fresh enumeration of the plan.</summary>
    /// <param name="definition">The task type.</param>
    /// <param name="taskId">The task's id.</param>
    /// <param name="input">The bound input.</param>
    /// <param name="completed">The task's completed phases, in order (read on every access).</param>
    public PlanCursor(ITaskDefinition definition, string taskId, object input, Func<IReadOnlyList<CompletedPhase>> completed)
    {
        Outputs = new PhaseOutputs(() => [.. completed().Where(p => p.Index < _declared.Count)]);
        try
        {
            _enumerator = definition.CreatePlan(input, new PlanContext(taskId, Outputs)).GetEnumerator();
        }
        catch (Exception e)
        {
            StartError = e;
            _ended = true;
        }
    }

    /// <summary>Gets the outputs visible to the plan and to the phase about to run.</summary>
    public PhaseOutputs Outputs { get; }

    /// <summary>Gets how many declarations the plan has yielded so far.</summary>
    public int Count => _declared.Count;

    /// <summary>Gets a value indicating whether the enumerator was disposed (or the plan ended); no more declarations come.</summary>
    public bool IsClosed => _ended;

    /// <summary>Gets the exception <c>Plan(...)</c> threw before yielding anything (not an iterator, or eager validation), if any.</summary>
    public Exception? StartError { get; }

    /// <summary>Gets the declaration the plan yielded at <paramref name="index"/>, if it got that far.</summary>
    /// <param name="index">The 0-based phase index.</param>
    /// <returns>The declaration or <see langword="null"/>.</returns>
    public Phase? At(int index) => index >= 0 && index < _declared.Count ? _declared[index] : null;

    /// <summary>Pulls the next declaration. Runs plan code, on the calling (actor) thread.</summary>
    /// <returns>The step.</returns>
    public PlanStep Next()
    {
        if (StartError is not null)
        {
            return new PlanStep.Threw(StartError);
        }

        if (_ended || _enumerator is null)
        {
            return new PlanStep.Ended();
        }

        try
        {
            if (!_enumerator.MoveNext())
            {
                Close();
                return new PlanStep.Ended();
            }

            var phase = _enumerator.Current ?? throw new InvalidOperationException($"The plan yielded null at index {_declared.Count}; yield a Phase.");
            _declared.Add(phase);
            return new PlanStep.Declared(phase);
        }
        catch (Exception e)
        {
            Close();
            return new PlanStep.Threw(e);
        }
    }

    /// <summary>Disposes the plan's enumerator (running its <c>finally</c> blocks) but keeps the declarations pulled so far.</summary>
    /// <returns>The exception a <c>finally</c> block threw, if any; the caller logs it.</returns>
    public Exception? Close()
    {
        _ended = true;
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

    /// <inheritdoc/>
    public void Dispose() => Close();
}
