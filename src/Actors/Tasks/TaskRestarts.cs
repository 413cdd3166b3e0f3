using System.Collections.Concurrent;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// The tasks of this node whose journal could not be written or read, with how often in a row and until when they
/// back off. A task actor that fails to persist or recover is stopped by Akka and restarted by its shard; the next
/// actor looks here and, while the backoff lasts, neither recovers nor runs anything, and answers with the problem.
/// </summary>
/// <remarks>Only troubled tasks have an entry, so a healthy node keeps this empty.</remarks>
public sealed class TaskRestarts
{
    private readonly ConcurrentDictionary<string, TaskTrouble> _byTask = new(StringComparer.Ordinal);

    /// <summary>Initializes the registry.</summary>
    /// <param name="firstDelay">The backoff after the first failure; it doubles with each failure in a row.</param>
    /// <param name="maxDelay">The longest backoff.</param>
    public TaskRestarts(TimeSpan firstDelay, TimeSpan maxDelay)
    {
        FirstDelay = firstDelay;
        MaxDelay = maxDelay;
    }

    /// <summary>Gets the backoff after the first failure.</summary>
    public TimeSpan FirstDelay { get; }

    /// <summary>Gets the longest backoff.</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>Records one more failure in a row.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="problem">What failed, for the status.</param>
    /// <param name="lastView">The task's status when it failed, if known.</param>
    /// <param name="now">The time.</param>
    /// <returns>The trouble, with when the next try is due.</returns>
    public TaskTrouble Fail(string taskId, string problem, TaskStatusView? lastView, DateTimeOffset now) =>
        _byTask.AddOrUpdate(
            taskId,
            _ => new TaskTrouble(1, problem, now, now + FirstDelay, lastView),
            (_, old) =>
            {
                var failures = old.Failures + 1;
                var delay = TimeSpan.FromTicks((long)Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * Math.Pow(2, failures - 1)));
                return new TaskTrouble(failures, problem, now, now + delay, lastView ?? old.LastView);
            });

    /// <summary>Finds a task's trouble.</summary>
    /// <param name="taskId">The task.</param>
    /// <returns>The trouble, or <see langword="null"/>.</returns>
    public TaskTrouble? Find(string taskId) => _byTask.GetValueOrDefault(taskId);

    /// <summary>Forgets a task's trouble: it wrote to (or read) its journal again.</summary>
    /// <param name="taskId">The task.</param>
    public void Clear(string taskId) => _byTask.TryRemove(taskId, out _);
}
