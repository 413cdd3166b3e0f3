using System.Diagnostics;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// Runs phase bodies, undos and reverts off the actor thread and turns however they end into a signal for the
/// actor. It never throws: every exception of task code (the body, its output's serialisation, the retry filter) is
/// caught here and becomes data.
/// </summary>
internal static class WorkRunner
{
    /// <summary>Runs one attempt of a phase. A timeout cancels the body's token but the attempt ends only when the body returns.</summary>
    /// <param name="phase">The declaration.</param>
    /// <param name="runId">The launch id echoed in the outcome.</param>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="stopped">Signalled when the task is cancelled or its actor stops.</param>
    /// <param name="time">The clock the timeout runs on.</param>
    /// <param name="timedOut">Called once when the timeout expires (the actor shows it while the body keeps running).</param>
    /// <param name="createContext">Builds the context around the token the body must observe.</param>
    /// <param name="telemetry">The task's span, metric and log-scope labels.</param>
    /// <param name="index">The phase's index (for the span).</param>
    /// <returns>The outcome.</returns>
    public static async Task<TaskSignal.AttemptFinished> RunAttemptAsync(
        Phase phase,
        int runId,
        int attempt,
        CancellationToken stopped,
        TimeProvider time,
        Action timedOut,
        Func<CancellationToken, PhaseContext> createContext,
        TaskTelemetry telemetry,
        int index)
    {
        // The span and the log scope flow into the body: what it logs or calls (HTTP, a database) joins the task's trace.
        using var span = telemetry.StartAttempt(index, phase.Name, attempt);
        using var scope = telemetry.BeginLogScope();
        using var timeout = phase.Timeout is { } limit ? new CancellationTokenSource(limit, time) : null;
        using var token = CancellationTokenSource.CreateLinkedTokenSource(stopped, timeout?.Token ?? CancellationToken.None);
        using var notify = timeout?.Token.UnsafeRegister(_ => timedOut(), null);
        var started = Stopwatch.GetTimestamp();
        Exception? failure = null;
        string? output = null;
        try
        {
            // Task.Run: a body that blocks before its first await must not block the caller (the actor thread).
            output = await Task.Run(() => phase.ExecuteAsync(createContext(token.Token)), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
        }

        var pastTimeout = timeout is { IsCancellationRequested: true } && !stopped.IsCancellationRequested;
        if (pastTimeout)
        {
            // Past its time limit the attempt failed, whatever the body did next: a late output is not recorded.
            // The body's OperationCanceledException is only its answer to the timeout ("A task was canceled."): not a cause worth showing.
            failure = new TimeoutException(
                $"Phase '{phase.Name}' attempt {attempt} timed out after {phase.Timeout}; its body returned {Stopwatch.GetElapsedTime(started).TotalSeconds:0.###} s after it started.",
                failure is OperationCanceledException ? null : failure);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (failure is null)
        {
            telemetry.EndAttempt(span, TaskTelemetry.Completed, null, null, elapsed);
            return new TaskSignal.AttemptFinished(runId, new AttemptOutcome.Completed(output));
        }

        if (stopped.IsCancellationRequested && failure is OperationCanceledException)
        {
            var cancelled = TaskError.Of("Cancelled", $"Phase '{phase.Name}' attempt {attempt} stopped because the task was cancelled.");
            telemetry.EndAttempt(span, TaskTelemetry.Cancelled, null, cancelled.Message, elapsed);
            return new TaskSignal.AttemptFinished(runId, new AttemptOutcome.Failed(cancelled, RetryWanted: false));
        }

        var (error, retryWanted) = Judge(phase.Retry, failure, Describe(phase, attempt, failure));
        telemetry.EndAttempt(span, pastTimeout ? TaskTelemetry.TimedOut : TaskTelemetry.Failed, failure, error.Message, elapsed);
        return new TaskSignal.AttemptFinished(runId, new AttemptOutcome.Failed(error, retryWanted && !stopped.IsCancellationRequested));
    }

    /// <summary>Runs an undo or a task type's own revert.</summary>
    /// <param name="revert">The work.</param>
    /// <param name="runId">The launch id echoed in the outcome.</param>
    /// <param name="telemetry">The task's span and log-scope labels.</param>
    /// <param name="startSpan">Starts the work's span (an undo's or the revert's).</param>
    /// <returns>The outcome.</returns>
    public static async Task<TaskSignal.UndoFinished> RunUndoAsync(Func<Task> revert, int runId, TaskTelemetry telemetry, Func<TaskTelemetry, Activity?> startSpan)
    {
        using var span = startSpan(telemetry);
        using var scope = telemetry.BeginLogScope();
        try
        {
            await Task.Run(revert).ConfigureAwait(false);
            telemetry.EndRevertWork(span, null);
            return new TaskSignal.UndoFinished(runId, null);
        }
        catch (Exception e)
        {
            telemetry.EndRevertWork(span, e);
            return new TaskSignal.UndoFinished(runId, TaskError.From(e));
        }
    }

    /// <summary>Turns an attempt's failure into data, saying in words what .NET's own message would not.</summary>
    private static TaskError Describe(Phase phase, int attempt, Exception failure)
    {
        var error = TaskError.From(failure);
        if (failure is OperationCanceledException)
        {
            // Neither a cancel of the task nor the phase's timeout (both handled before): a token of the body's own was
            // cancelled, say a client's timeout. .NET's message, "A task was canceled.", does not tell that.
            return error with
            {
                Message = $"Phase '{phase.Name}' attempt {attempt} was cancelled by its own code, not by a cancel of the task or by the phase's timeout " +
                    $"(often a timeout of a client the phase uses): {failure.Message}",
            };
        }

        return error;
    }

    /// <summary>Asks the phase's retry filter about a failure; a filter that throws means "no retry", and says so in the error.</summary>
    private static (TaskError Error, bool RetryWanted) Judge(RetryPolicy policy, Exception failure, TaskError error)
    {
        if (policy.ShouldRetry is not { } shouldRetry)
        {
            return (error, true);
        }

        try
        {
            return (error, shouldRetry(failure));
        }
        catch (Exception e)
        {
            var filter = TaskError.From(e);
            return (filter with { Message = $"The phase's retry filter (shouldRetry) threw while judging the attempt's failure: {e.Message}", Inner = error }, false);
        }
    }
}
