using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>Reads a task's events with Akka.Persistence.Query's current (not live) query: one look, no polling.</summary>
/// <param name="system">The node's actor system.</param>
/// <param name="readJournalPluginId">The read journal to query.</param>
public sealed class JournalTaskEventReader(ActorSystem system, string readJournalPluginId) : ITaskEventReader
{
    private readonly Lazy<ICurrentEventsByPersistenceIdQuery> _journal = new(
        () => PersistenceQuery.Get(system).ReadJournalFor<ICurrentEventsByPersistenceIdQuery>(readJournalPluginId));

    /// <inheritdoc/>
    public async Task<IReadOnlyList<(long SequenceNr, ITaskEvent? Event)>> ReadAsync(string taskId, long fromSequence, CancellationToken cancellationToken)
    {
        var events = await _journal.Value
            .CurrentEventsByPersistenceId(PersistenceIds.ForTask(taskId), fromSequence, long.MaxValue)
            .Select(e => (e.SequenceNr, e.Event as ITaskEvent))
            .RunWith(Sink.Seq<(long, ITaskEvent?)>(), system.Materializer())
            .WaitAsync(cancellationToken)
            .ConfigureAwait(false);
        return events;
    }
}
