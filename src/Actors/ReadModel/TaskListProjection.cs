using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Feeds the task list from the journal: it follows every event the task journal stores, in journal order
/// (<c>AllEvents</c> of the SQL read journal), and applies them in batches together with the position reached,
/// so after a restart it continues where the last committed batch ended. Runs once per cluster (a singleton).
/// </summary>
/// <remarks>
/// A failing database or query restarts the stream with backoff from the stored position. Batches may be
/// applied twice around a crash; the store ignores events older than a row's, so that changes nothing.
/// </remarks>
public sealed class TaskListProjection : ReceiveActor
{
    private readonly ITaskListStore _store;
    private readonly TaskListProjectionSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private UniqueKillSwitch? _killSwitch;

    /// <summary>Initializes the projection.</summary>
    /// <param name="store">The task list table.</param>
    /// <param name="settings">Batching and restart settings.</param>
    public TaskListProjection(ITaskListStore store, TaskListProjectionSettings settings)
    {
        _store = store;
        _settings = settings;
    }

    /// <summary>Creates the projection's props.</summary>
    /// <param name="store">The task list table.</param>
    /// <param name="settings">Batching and restart settings.</param>
    /// <returns>The props.</returns>
    public static Props Props(ITaskListStore store, TaskListProjectionSettings settings) =>
        Akka.Actor.Props.Create(() => new TaskListProjection(store, settings));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        var readJournal = PersistenceQuery.Get(Context.System).ReadJournalFor<IAllEventsQuery>(_settings.ReadJournalPluginId);
        var store = _store;
        var settings = _settings;

        var events = RestartSource.WithBackoff(
            () => Source.FromTask(ReadPositionAsync(store))
                .ConcatMany(offset => readJournal.AllEvents(Offset.Sequence(offset)))
                .GroupedWithin(settings.MaxBatchSize, settings.MaxBatchDelay)
                .SelectAsync(1, async batch =>
                {
                    var envelopes = batch.ToList();
                    var changes = envelopes
                        .Where(e => e.Event is ITaskEvent)
                        .Select(e => new TaskListChange(((ITaskEvent)e.Event).TaskId, e.SequenceNr, (ITaskEvent)e.Event))
                        .ToList();
                    await store.ApplyAsync(changes, ((Sequence)envelopes[^1].Offset).Value, CancellationToken.None);
                    return NotUsed.Instance;
                }),
            RestartSettings.Create(settings.MinRestartBackoff, settings.MaxRestartBackoff, 0.2));

        _killSwitch = events
            .ViaMaterialized(KillSwitches.Single<NotUsed>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Left)
            .Run(Context.Materializer());
        _log.Info("Task list projection started.");
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        _killSwitch?.Shutdown();
        base.PostStop();
    }

    private static async Task<long> ReadPositionAsync(ITaskListStore store)
    {
        await store.InitializeAsync(CancellationToken.None);
        return await store.ReadOffsetAsync(CancellationToken.None);
    }
}
