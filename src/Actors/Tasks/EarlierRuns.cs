using System.Collections.Concurrent;

namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// The phase bodies, undos and reverts that task actors of this node have running. When a task actor stops while its
/// work is running (its journal failed, its shard moved), the work may ignore its token and go on; the next actor of
/// the same task on this node finds it here and waits for it before starting anything, so two runs never overlap.
/// </summary>
public sealed class EarlierRuns
{
    private readonly ConcurrentDictionary<string, Task> _byTask = new(StringComparer.Ordinal);

    /// <summary>Remembers a task's running work until it completes.</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="work">The work.</param>
    public void Track(string taskId, Task work)
    {
        _byTask[taskId] = work;
        work.ContinueWith(done => _byTask.TryRemove(new KeyValuePair<string, Task>(taskId, done)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Finds a task's work that has not completed.</summary>
    /// <param name="taskId">The task.</param>
    /// <returns>The work, or <see langword="null"/>.</returns>
    public Task? Running(string taskId) => _byTask.TryGetValue(taskId, out var work) && !work.IsCompleted ? work : null;
}
