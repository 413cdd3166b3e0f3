using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts.Events;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Follows one task's journal live and yields its phase and state changes until the task ends. It reads the
/// shared journal, so it works on any node, whichever node runs the task.
/// </summary>
/// <param name="system">The node's actor system.</param>
/// <param name="readJournalPluginId">The read journal to follow.</param>
public sealed class TaskChangeFeed(ActorSystem system, string readJournalPluginId)
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
        var readJournal = PersistenceQuery.Get(system).ReadJournalFor<IEventsByPersistenceIdQuery>(readJournalPluginId);

        // Replays from the first event even when resuming: later events name phases only by index.
        var projector = new TaskChangeProjector();
        var changes = readJournal
            .EventsByPersistenceId(PersistenceIds.ForTask(taskId), 0, long.MaxValue)
            .Where(e => e.Event is ITaskEvent)
            .Select(e => projector.Next(e.SequenceNr, (ITaskEvent)e.Event))
            .Where(list => list.Count > 0)
            .TakeWhile(list => !list.Any(TaskChangeProjector.Ends), inclusive: true)
            .RunAsAsyncEnumerable(system.Materializer());

        await foreach (var list in changes.WithCancellation(cancellationToken))
        {
            if (list[0].Sequence > afterSequence)
            {
                yield return list;
            }
        }
    }
}
