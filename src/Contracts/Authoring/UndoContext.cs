namespace PhaseFlow.Contracts.Authoring;

/// <summary>What a phase's undo gets when the default revert runs it.</summary>
/// <remarks>
/// Each finished undo is journaled, so an undo runs again only if it was interrupted (at-least-once):
/// it must tolerate finding its work already undone.
/// </remarks>
/// <param name="TaskId">The task's id.</param>
/// <param name="Phase">The completed phase being undone, with its recorded output.</param>
/// <param name="Input">The task's bound input.</param>
/// <param name="Reason">Why the task is being reverted.</param>
/// <param name="Error">The failure that caused the revert, or <see langword="null"/> for a cancel.</param>
/// <param name="CancellationToken">Signalled when the task's actor stops.</param>
public sealed record UndoContext(
    string TaskId,
    CompletedPhase Phase,
    object Input,
    RevertReason Reason,
    TaskError? Error,
    CancellationToken CancellationToken)
{
    /// <summary>Reads the undone phase's recorded output.</summary>
    /// <typeparam name="T">The type the phase returned.</typeparam>
    /// <returns>The output, or <see langword="default"/> when the phase had none.</returns>
    public T? OutputAs<T>() => Phase.OutputAs<T>();

    /// <summary>Gets the task's input as <typeparamref name="TInput"/>.</summary>
    /// <typeparam name="TInput">The task type's input type.</typeparam>
    /// <returns>The input.</returns>
    public TInput InputAs<TInput>() => (TInput)Input;
}
