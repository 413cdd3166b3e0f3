namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// The node's open event streams by task id: <see cref="TaskChangeRelay"/> announces each notice here, and
/// <see cref="TaskChangeSafetyCheck"/> what it finds in the journal, and each reaches only the streams that follow that
/// task.
/// </summary>
public sealed class TaskChangeNotices
{
    private readonly Dictionary<string, List<TaskChangeWatch>> _watches = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Gets how many tasks have a stream listening on this node.</summary>
    internal int WatchedTasks
    {
        get
        {
            lock (_lock)
            {
                return _watches.Count;
            }
        }
    }

    /// <summary>Gets the ids of the tasks that have a stream listening on this node now.</summary>
    /// <returns>The ids, each once.</returns>
    public IReadOnlyCollection<string> WatchedTaskIds()
    {
        lock (_lock)
        {
            return [.. _watches.Keys];
        }
    }

    /// <summary>Starts listening for a task's notices; dispose the watch to stop.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <returns>The watch.</returns>
    public TaskChangeWatch Watch(string taskId)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        var watch = new TaskChangeWatch(taskId, Forget);
        lock (_lock)
        {
            if (!_watches.TryGetValue(taskId, out var list))
            {
                _watches[taskId] = list = [];
            }

            list.Add(watch);
        }

        return watch;
    }

    /// <summary>Tells the streams following a task that its journal holds events up to a sequence number.</summary>
    /// <param name="notice">The notice.</param>
    public void Announce(TaskEventsStored notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        TaskChangeWatch[] watches;
        lock (_lock)
        {
            if (!_watches.TryGetValue(notice.TaskId, out var list))
            {
                return;
            }

            watches = [.. list];
        }

        foreach (var watch in watches)
        {
            watch.Announce(notice.SequenceNr);
        }
    }

    private void Forget(TaskChangeWatch watch)
    {
        lock (_lock)
        {
            if (_watches.TryGetValue(watch.TaskId, out var list) && list.Remove(watch) && list.Count == 0)
            {
                _watches.Remove(watch.TaskId);
            }
        }
    }
}
