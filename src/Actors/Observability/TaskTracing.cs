using System.Diagnostics;
using System.Globalization;

namespace PhaseFlow.Actors.Observability;

/// <summary>Reading and writing the W3C <c>traceparent</c> a task is submitted with, and the submission's own span.</summary>
internal static class TaskTracing
{
    /// <summary>Longer than any <c>traceparent</c> a known version writes (55 characters for version 00); a longer value is not kept.</summary>
    private const int MaxLength = 256;

    /// <summary>Parses a stored or given <c>traceparent</c>.</summary>
    /// <param name="traceParent">The value, or <see langword="null"/>.</param>
    /// <param name="context">The context, as the parent of a span started elsewhere (remote).</param>
    /// <returns>Whether the value is a valid <c>traceparent</c>.</returns>
    public static bool TryParse(string? traceParent, out ActivityContext context)
    {
        context = default;
        return traceParent is { Length: > 0 and <= MaxLength } && ActivityContext.TryParse(traceParent, null, isRemote: true, out context);
    }

    /// <summary>
    /// The value to store for a submission's <c>traceparent</c>: a valid one in its canonical form, else
    /// <see langword="null"/>. W3C Trace Context says to ignore one that does not parse; it never refuses a task.
    /// </summary>
    /// <param name="traceParent">The value given.</param>
    /// <returns>The value to store.</returns>
    public static string? Readable(string? traceParent) => TryParse(traceParent, out var context) ? Format(context) : null;

    /// <summary>Starts the span of a submission by the .NET client, a child of the given context or else of the current span.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="taskType">The task type.</param>
    /// <param name="traceParent">A context the caller gave with the command, if any.</param>
    /// <returns>The span, or <see langword="null"/> when nobody listens.</returns>
    public static Activity? StartSubmit(string taskId, string taskType, string? traceParent)
    {
        TryParse(traceParent, out var parent);
        return PhaseFlowTelemetry.Source.StartActivity(
            ActivityKind.Producer,
            parent,
            [new(TaskTelemetryNames.TaskId, taskId), new(TaskTelemetryNames.TaskType, taskType)],
            name: $"submit {taskType}");
    }

    /// <summary>The context a submission is stored with: its own span, else the context given, else the current span.</summary>
    /// <param name="submit">The submission's span, if one started.</param>
    /// <param name="given">The <c>traceparent</c> given with the command.</param>
    /// <returns>A <c>traceparent</c>, or <see langword="null"/> when there is no trace to join.</returns>
    public static string? ToStore(Activity? submit, string? given) =>
        Of(submit) ?? Readable(given) ?? Of(Activity.Current);

    private static string? Of(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? Format(activity.Context) : null;

    private static string Format(ActivityContext context) =>
        string.Create(CultureInfo.InvariantCulture, $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(int)context.TraceFlags:x2}");
}
