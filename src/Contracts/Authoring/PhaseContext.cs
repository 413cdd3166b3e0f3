namespace PhaseFlow.Contracts.Authoring;

/// <summary>What a phase body gets when it runs: who it is, what came before, and how to stop.</summary>
/// <remarks>
/// A phase that was in flight during a crash runs again, so a body must tolerate a second run
/// (at-least-once). <see cref="IdempotencyKey"/> lets it tell an external system "this is the same request".
/// </remarks>
public sealed class PhaseContext
{
    private readonly Action<PhaseProgress> _onProgress;

    /// <summary>Initializes a context. PhaseFlow's runner creates these; it is public so task libraries can unit-test phase bodies.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="phaseIndex">The 0-based phase index.</param>
    /// <param name="phaseName">The phase's name.</param>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="input">The task's bound input.</param>
    /// <param name="outputs">The outputs of the phases that completed before this one.</param>
    /// <param name="onProgress">Receives progress reports.</param>
    /// <param name="cancellationToken">Signalled on cancel, timeout, or when the task's actor stops.</param>
    public PhaseContext(
        string taskId,
        int phaseIndex,
        string phaseName,
        int attempt,
        object input,
        PhaseOutputs outputs,
        Action<PhaseProgress> onProgress,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        ArgumentException.ThrowIfNullOrEmpty(phaseName);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(onProgress);
        TaskId = taskId;
        PhaseIndex = phaseIndex;
        PhaseName = phaseName;
        Attempt = attempt;
        Input = input;
        Outputs = outputs;
        _onProgress = onProgress;
        CancellationToken = cancellationToken;
    }

    /// <summary>Gets the task's id.</summary>
    public string TaskId { get; }

    /// <summary>Gets the 0-based index of this phase in the plan.</summary>
    public int PhaseIndex { get; }

    /// <summary>Gets this phase's name.</summary>
    public string PhaseName { get; }

    /// <summary>Gets the 1-based attempt number; it keeps counting across crashes.</summary>
    public int Attempt { get; }

    /// <summary>Gets <c>taskId/phaseIndex/attempt</c>: unique per attempt, identical if the same attempt is re-run after a crash.</summary>
    public string IdempotencyKey => $"{TaskId}/{PhaseIndex}/{Attempt}";

    /// <summary>Gets the task's bound input.</summary>
    public object Input { get; }

    /// <summary>Gets the outputs of the phases that completed before this one.</summary>
    public PhaseOutputs Outputs { get; }

    /// <summary>Gets the token that is signalled when the task is cancelled, the phase times out, or the task's actor stops.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Gets the task's input as <typeparamref name="TInput"/>.</summary>
    /// <typeparam name="TInput">The task type's input type.</typeparam>
    /// <returns>The input.</returns>
    /// <exception cref="InvalidCastException">The input is of another type.</exception>
    public TInput InputAs<TInput>() => (TInput)Input;

    /// <summary>Reports how far this phase has got. Progress is shown in the status but not journaled.</summary>
    /// <param name="fraction">Between 0 and 1.</param>
    /// <param name="message">A short note, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not between 0 and 1.</exception>
    public void ReportProgress(double fraction, string? message = null)
    {
        if (double.IsNaN(fraction) || fraction < 0 || fraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Progress must be a fraction between 0 and 1.");
        }

        _onProgress(new PhaseProgress(fraction, message));
    }
}
