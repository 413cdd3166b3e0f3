using Akka;
using Akka.Actor;
using Akka.Event;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Feeds the task list from the journal: it reads every row the task journal stores, in journal order, straight from
/// the database (<see cref="ITaskJournalReader"/>), and applies them in batches together with the position reached,
/// so after a restart it continues where the last committed batch ended. Runs once per cluster (a singleton).
/// </summary>
/// <remarks>
/// <para>
/// It does not use the SQL read journal's <c>AllEvents</c>: that fails on the first row it cannot deserialise, so one
/// bad row stopped the list at that row on every restart, and on PostgreSQL it skips a row whose commit comes more
/// than its gap-detection window late. Here each row is decoded on its own (a row that cannot be read is logged,
/// naming its task, and skipped), and the reader decides which rows no late commit can precede any more.
/// </para>
/// <para>
/// A failing database restarts the reading with backoff from the stored position. Batches may be applied twice
/// around a crash; the store ignores events older than a row's, so that changes nothing.
/// </para>
/// </remarks>
public sealed class TaskListProjection : ReceiveActor
{
    private readonly ITaskListStore _store;
    private readonly ITaskJournalReader _reader;
    private readonly TaskListProjectionSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly CancellationTokenSource _stopping = new();
    private UniqueKillSwitch? _killSwitch;

    /// <summary>Initializes the projection.</summary>
    /// <param name="store">The task list table.</param>
    /// <param name="reader">Reads the task journal.</param>
    /// <param name="settings">Batching and restart settings.</param>
    public TaskListProjection(ITaskListStore store, ITaskJournalReader reader, TaskListProjectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.MaxBatchSize);
        _store = store;
        _reader = reader;
        _settings = settings;
    }

    /// <summary>Creates the projection's props.</summary>
    /// <param name="store">The task list table.</param>
    /// <param name="reader">Reads the task journal (in the same database).</param>
    /// <param name="settings">Batching and restart settings.</param>
    /// <returns>The props.</returns>
    public static Props Props(ITaskListStore store, ITaskJournalReader reader, TaskListProjectionSettings settings) =>
        Akka.Actor.Props.Create(() => new TaskListProjection(store, reader, settings));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        var follower = new TaskJournalFollower(_store, _reader, new JournalRecordDecoder(Context.System.Serialization), _log, _settings);
        var stopping = _stopping.Token;

        var steps = RestartSource.WithBackoff(
            () => Source.FromTask(follower.StartAsync(stopping))
                .ConcatMany(_ => Source.Repeat(NotUsed.Instance).SelectAsync(1, _ => follower.StepAsync(stopping))),
            RestartSettings.Create(_settings.MinRestartBackoff, _settings.MaxRestartBackoff, 0.2));

        _killSwitch = steps
            .ViaMaterialized(KillSwitches.Single<JournalPosition>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<JournalPosition>(), Keep.Left)
            .Run(Context.Materializer());
        _log.Info("Task list projection started.");
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        _killSwitch?.Shutdown();
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }
}
