using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PhaseFlow.Actors.Observability;

/// <summary>
/// What one task's work is labelled with: the spans of its phase attempts, undos and revert (children of the
/// submission's trace context), the phase metrics, and the log scope its code runs in.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="TaskType">The task type's name.</param>
/// <param name="TraceParent">The submission's stored trace context, if any.</param>
/// <param name="Logger">A logger of the host's factory, to open the task's log scope around its code.</param>
/// <param name="Throughput">The node's count of completed phases per second, if it keeps one.</param>
internal sealed record TaskTelemetry(string TaskId, string TaskType, string? TraceParent, ILogger Logger, PhaseThroughput? Throughput = null)
{
    /// <summary>The outcome of work that returned normally.</summary>
    public const string Completed = "completed";

    /// <summary>The outcome of work that threw.</summary>
    public const string Failed = "failed";

    /// <summary>The outcome of an attempt past its phase's timeout.</summary>
    public const string TimedOut = "timed_out";

    /// <summary>The outcome of an attempt stopped because the task was cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Opens the task's log scope for the code that runs next on this flow.</summary>
    /// <returns>The scope to dispose.</returns>
    public IDisposable? BeginLogScope() => Logger.BeginScope(new TaskLogScope(TaskId));

    /// <summary>Starts the span of a phase attempt.</summary>
    /// <param name="index">The phase's index.</param>
    /// <param name="phase">The phase's name.</param>
    /// <param name="attempt">The 1-based attempt.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public Activity? StartAttempt(int index, string phase, int attempt) =>
        Start($"phase {phase}", "attempt", index, phase, attempt);

    /// <summary>Starts the span of a phase's undo.</summary>
    /// <param name="index">The phase's index.</param>
    /// <param name="phase">The phase's name.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public Activity? StartUndo(int index, string phase) => Start($"undo {phase}", "undo", index, phase, attempt: null);

    /// <summary>Starts the span of the task type's own revert.</summary>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public Activity? StartRevert() => Start($"revert {TaskType}", "revert", index: null, phase: null, attempt: null);

    /// <summary>Ends a phase attempt's span and records the phase metrics.</summary>
    /// <param name="span">The span, if one started.</param>
    /// <param name="outcome">One of the outcome constants.</param>
    /// <param name="failure">What the body threw, if anything.</param>
    /// <param name="error">The failure's description as the task records it.</param>
    /// <param name="elapsed">How long the attempt ran.</param>
    public void EndAttempt(Activity? span, string outcome, Exception? failure, string? error, TimeSpan elapsed)
    {
        var tags = new TagList { { TaskTelemetryNames.TaskType, TaskType }, { TaskTelemetryNames.Outcome, outcome } };
        PhaseFlowMetrics.PhaseDuration.Record(elapsed.TotalSeconds, tags);
        if (outcome == Completed)
        {
            PhaseFlowMetrics.PhasesCompleted.Add(1, new KeyValuePair<string, object?>(TaskTelemetryNames.TaskType, TaskType));
            Throughput?.PhaseCompleted();
        }
        else
        {
            PhaseFlowMetrics.PhasesFailed.Add(1, tags);
        }

        End(span, outcome, failure, error);
    }

    /// <summary>Ends an undo's or revert's span.</summary>
    /// <param name="span">The span, if one started.</param>
    /// <param name="failure">What the undo threw, if anything.</param>
    public void EndRevertWork(Activity? span, Exception? failure) => End(span, failure is null ? Completed : Failed, failure, failure?.Message);

    private static void End(Activity? span, string outcome, Exception? failure, string? error)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(TaskTelemetryNames.Outcome, outcome);
        if (outcome != Completed)
        {
            span.SetStatus(ActivityStatusCode.Error, error);
            if (failure is not null)
            {
                span.AddException(failure);
            }
        }

        span.Stop();
    }

    private Activity? Start(string name, string work, int? index, string? phase, int? attempt)
    {
        // With no stored context the work starts a trace of its own, not a child of whatever flowed into this thread.
        Activity.Current = null;
        TaskTracing.TryParse(TraceParent, out var parent);
        var tags = new TagList { { TaskTelemetryNames.TaskId, TaskId }, { TaskTelemetryNames.TaskType, TaskType }, { TaskTelemetryNames.Work, work } };
        if (index is { } i)
        {
            tags.Add(TaskTelemetryNames.PhaseIndex, i);
        }

        if (phase is not null)
        {
            tags.Add(TaskTelemetryNames.PhaseName, phase);
        }

        if (attempt is { } a)
        {
            tags.Add(TaskTelemetryNames.Attempt, a);
        }

        return PhaseFlowTelemetry.Source.StartActivity(ActivityKind.Internal, parent, tags, name: name);
    }
}
