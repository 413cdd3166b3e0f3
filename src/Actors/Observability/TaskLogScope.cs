using System.Collections;

namespace PhaseFlow.Actors.Observability;

/// <summary>
/// The logging scope of everything a task does: its actor's lines and whatever its phases, undos and revert log
/// through the host's loggers. A structured sink (<c>--log-format json</c>) writes it as <c>"TaskId": "…"</c>.
/// </summary>
/// <param name="taskId">The task's id.</param>
internal sealed class TaskLogScope(string taskId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The name of the scope's one value.</summary>
    public const string Key = "TaskId";

    /// <summary>
    /// What a task actor's log lines carry as their Akka log source, so the logger that writes them to the host can
    /// open the task's scope (Akka hands log events to that logger on another thread, without the actor's context).
    /// </summary>
    private const string SourcePrefix = "phaseflow-task:";

    /// <summary>Gets the task's id.</summary>
    public string TaskId => taskId;

    /// <inheritdoc/>
    public int Count => 1;

    /// <inheritdoc/>
    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(Key, taskId) : throw new ArgumentOutOfRangeException(nameof(index), index, "A task's log scope has one value.");

    /// <summary>The Akka log source of a task actor's lines.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <returns>The log source.</returns>
    public static string SourceOf(string taskId) => SourcePrefix + taskId;

    /// <summary>Reads the task id back from a log source written by <see cref="SourceOf"/>.</summary>
    /// <param name="logSource">An Akka log event's source.</param>
    /// <returns>The scope of the task, or <see langword="null"/> for a line that is not a task actor's.</returns>
    public static TaskLogScope? FromSource(string? logSource) =>
        logSource is not null && logSource.StartsWith(SourcePrefix, StringComparison.Ordinal) ? new TaskLogScope(logSource[SourcePrefix.Length..]) : null;

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    /// <inheritdoc/>
    public override string ToString() => $"task {taskId}";

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
