using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Runs phase bodies, undos and reverts off the actor thread and turns their outcome into a message for the actor,
/// so the actor itself never blocks and never touches an exception object after the fact.
/// </summary>
internal static class WorkRunner
{
    /// <summary>Runs one attempt of a phase, applying its time limit.</summary>
    /// <param name="phase">The declaration.</param>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="runId">The launch id echoed in the result.</param>
    /// <param name="cancellation">Signalled on cancel or actor stop.</param>
    /// <param name="createContext">Builds the context around the token the body must observe.</param>
    /// <returns><see cref="PhaseAttemptSucceeded"/> or <see cref="PhaseAttemptFaulted"/>; never throws.</returns>
    public static async Task<ITaskActorSignal> RunPhaseAsync(
        Phase phase,
        int attempt,
        int runId,
        CancellationTokenSource cancellation,
        Func<CancellationToken, PhaseContext> createContext)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token);
        try
        {
            var context = createContext(limit.Token);
            var work = Task.Run(() => phase.ExecuteAsync(context), CancellationToken.None);
            if (phase.Timeout is not { } timeout)
            {
                return new PhaseAttemptSucceeded(runId, await work.ConfigureAwait(false));
            }

            limit.CancelAfter(timeout);
            try
            {
                // WaitAsync ends the attempt on time even if the body ignores its token.
                return new PhaseAttemptSucceeded(runId, await work.WaitAsync(timeout).ConfigureAwait(false));
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested && limit.IsCancellationRequested && e is OperationCanceledException or TimeoutException)
            {
                throw new TimeoutException($"Phase '{phase.Name}' attempt {attempt} timed out after {timeout}.", e);
            }
        }
        catch (Exception e)
        {
            var interrupted = cancellation.IsCancellationRequested;
            return new PhaseAttemptFaulted(runId, TaskError.From(e), !interrupted && phase.Retry.AllowsRetry(attempt, e));
        }
    }

    /// <summary>Runs an undo or a task's own revert.</summary>
    /// <param name="revert">The work.</param>
    /// <param name="runId">The launch id echoed in the result.</param>
    /// <returns><see cref="RevertStepSucceeded"/> or <see cref="RevertStepFaulted"/>; never throws.</returns>
    public static async Task<ITaskActorSignal> RunRevertStepAsync(Func<Task> revert, int runId)
    {
        try
        {
            await Task.Run(revert).ConfigureAwait(false);
            return new RevertStepSucceeded(runId);
        }
        catch (Exception e)
        {
            return new RevertStepFaulted(runId, TaskError.From(e));
        }
    }
}
