using PhaseFlow.Actors.Persistence;
using PhaseFlow.Actors.ReadModel;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>Tasks' journals in memory for the event-stream feed and its safety check, counting how often each task is read.</summary>
public sealed class FakeTaskJournal : ITaskEventReader, ITaskJournalHeads
{
    private readonly Dictionary<string, List<ITaskEvent>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reads = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _headReads;

    /// <summary>Gets how often the heads were read (one query for all tasks each time).</summary>
    public int HeadReads => Volatile.Read(ref _headReads);

    public void Append(string taskId, ITaskEvent @event)
    {
        lock (_lock)
        {
            if (!_events.TryGetValue(taskId, out var list))
            {
                _events[taskId] = list = [];
            }

            list.Add(@event);
        }
    }

    /// <summary>Gets how often a task's events were read.</summary>
    public int ReadsOf(string taskId)
    {
        lock (_lock)
        {
            return _reads.GetValueOrDefault(taskId);
        }
    }

    public Task<IReadOnlyList<(long SequenceNr, ITaskEvent? Event)>> ReadAsync(string taskId, long fromSequence, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _reads[taskId] = _reads.GetValueOrDefault(taskId) + 1;
            IReadOnlyList<(long, ITaskEvent?)> read = [.. _events.GetValueOrDefault(taskId, []).Select((e, i) => ((long)i + 1, (ITaskEvent?)e)).Where(e => e.Item1 >= fromSequence)];
            return Task.FromResult(read);
        }
    }

    public Task<IReadOnlyDictionary<string, long>> ReadAsync(IReadOnlyCollection<string> taskIds, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _headReads);
        lock (_lock)
        {
            IReadOnlyDictionary<string, long> heads = taskIds
                .Where(id => _events.TryGetValue(id, out var list) && list.Count > 0)
                .ToDictionary(id => id, id => (long)_events[id].Count, StringComparer.Ordinal);
            return Task.FromResult(heads);
        }
    }
}
