namespace PhaseFlow.Contracts.Authoring;

/// <summary>What a phase's undo gets when the default revert runs it.</summary>
/// <remarks>
/// <para>The default revert undoes the phase that was in flight when the task failed or was cancelled (it may have
/// run partly) and then every completed phase, newest first. <see cref="PhaseCompleted"/> tells the two apart: an
/// in-flight phase has no recorded output, so its undo must find out what the phase really did (or find nothing).</para>
/// <para>Each finished undo is journaled, so an undo runs again only if it was interrupted (at-least-once): it must
/// tolerate finding its work already undone, or never done.</para>
/// </remarks>
/// <param name="TaskId">The task's id.</param>
/// <param name="Phase">The phase being undone, with its recorded output (<see langword="null"/> output when it had not completed).</param>
/// <param name="Input">The task's bound input.</param>
/// <param name="Reason">Why the task is being reverted.</param>
/// <param name="Error">The failure that caused the revert, or <see langword="null"/> for a cancel.</param>
/// <param name="CancellationToken">Signalled when the task's actor stops.</param>
/// <param name="PhaseCompleted">
/// <see langword="true"/> when the phase completed (its output is recorded); <see langword="false"/> when it was in
/// flight: it failed, timed out, was cancelled or interrupted, and may have done part of its work or none.
/// </param>
public sealed record UndoContext(
    string TaskId,
    CompletedPhase Phase,
    object Input,
    RevertReason Reason,
    TaskError? Error,
    CancellationToken CancellationToken,
    bool PhaseCompleted = true)
{
    /// <summary>Reads the undone phase's recorded output.</summary>
    /// <typeparam name="T">The type the phase returned.</typeparam>
    /// <returns>The output, or <see langword="default"/> when the phase had none or had not completed.</returns>
    public T? OutputAs<T>() => Phase.OutputAs<T>();

    /// <summary>Gets the task's input as <typeparamref name="TInput"/>.</summary>
    /// <typeparam name="TInput">The task type's input type.</typeparam>
    /// <returns>The input.</returns>
    public TInput InputAs<TInput>() => (TInput)Input;
}
