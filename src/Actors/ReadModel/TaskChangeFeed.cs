using System.Runtime.CompilerServices;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Follows one task's journal and yields its phase and state changes until the task ends. It reads the shared
/// journal, so it works on any node, whichever node runs the task; it reads once at the start, then again only when a
/// notice (<see cref="TaskEventsStored"/>) or the node's safety check (<see cref="TaskChangeSafetyCheck"/>) says there
/// is something newer. An idle stream costs no timer and no query of its own.
/// </summary>
/// <param name="reader">Reads the task's stored events.</param>
/// <param name="notices">The node's notices of stored events.</param>
public sealed class TaskChangeFeed(ITaskEventReader reader, TaskChangeNotices notices)
{
    /// <summary>
    /// Yields the task's changes after <paramref name="afterSequence"/>, one list per journal event, ending when the
    /// task ends (at once if it already has).
    /// </summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="afterSequence">Skip the changes of events up to this sequence number (0 for all).</param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>The changes of each event that has any.</returns>
    public async IAsyncEnumerable<IReadOnlyList<TaskChange>> FollowAsync(string taskId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Listening before the first read: a notice that comes while it runs is not missed.
        using var watch = notices.Watch(taskId);

        // Replays from the first event even when resuming: later events name phases only by index.
        var projector = new TaskChangeProjector();
        long read = 0;
        while (true)
        {
            var events = await reader.ReadAsync(taskId, read + 1, cancellationToken).ConfigureAwait(false);
            foreach (var (sequenceNr, @event) in events)
            {
                read = sequenceNr;
                if (@event is null)
                {
                    continue;
                }

                var list = projector.Next(sequenceNr, @event);
                if (list.Count == 0)
                {
                    continue;
                }

                if (list[0].Sequence > afterSequence)
                {
                    yield return list;
                }

                if (list.Any(TaskChangeProjector.Ends))
                {
                    yield break;
                }
            }

            await watch.WaitAsync(read, cancellationToken).ConfigureAwait(false);
        }
    }
}
