using Akka.Event;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Moves the task list along the journal: reads the rows after the stored position, applies them with the position
/// reached in one transaction, and logs and skips a row it cannot read, so one bad row never holds up the rest.
/// </summary>
/// <remarks>
/// The stored position only moves over settled rows (see <see cref="JournalBatch"/>), and a skipped row is passed
/// like any other, so after a restart the list goes on after it without reading it again. Rows read ahead are
/// applied only right after their task's previous event and are not logged until they settle and are read again.
/// That is enough for a consistent row: a task writes its next event only once the previous one has committed, so
/// within one task the journal order is the sequence order.
/// </remarks>
internal sealed class TaskJournalFollower
{
    private readonly ITaskListStore _store;
    private readonly ITaskJournalReader _reader;
    private readonly JournalRecordDecoder _decoder;
    private readonly ILoggingAdapter _log;
    private readonly TaskListProjectionSettings _settings;
    private JournalPosition _settled;
    private JournalPosition _ahead;
    private bool _caughtUp;

    public TaskJournalFollower(ITaskListStore store, ITaskJournalReader reader, JournalRecordDecoder decoder, ILoggingAdapter log, TaskListProjectionSettings settings)
    {
        _store = store;
        _reader = reader;
        _decoder = decoder;
        _log = log;
        _settings = settings;
    }

    /// <summary>Creates the task list's tables if needed and goes back to the stored position.</summary>
    public async Task<JournalPosition> StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.InitializeAsync(cancellationToken);
            _settled = _ahead = await _store.ReadPositionAsync(cancellationToken);
            _caughtUp = false;
            return _settled;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.Warning("The task list cannot read its position and tries again later: {0}", e.Message);
            throw;
        }
    }

    /// <summary>Reads and applies the next rows; first waits a poll interval if the last step found nothing more.</summary>
    /// <returns>The stored position after the step.</returns>
    public async Task<JournalPosition> StepAsync(CancellationToken cancellationToken)
    {
        if (_caughtUp)
        {
            await Task.Delay(_settings.PollInterval, cancellationToken);
        }

        try
        {
            var batch = await _reader.ReadAsync(_settled, _ahead, _settings.MaxBatchSize, cancellationToken);
            var changes = new List<TaskListChange>(batch.Settled.Count + batch.Ahead.Count);
            foreach (var record in batch.Settled)
            {
                if (_decoder.TryDecode(record, out var change, out var reason))
                {
                    changes.Add(change);
                }
                else
                {
                    _log.Warning(
                        "Task list skips an event it cannot read: task {0}, sequence number {1}, at journal {2}, manifest {3}: {4}",
                        JournalRecordDecoder.TaskIdOf(record),
                        record.SequenceNr,
                        record.Position,
                        record.Manifest ?? "(none)",
                        reason);
                }
            }

            foreach (var record in batch.Ahead)
            {
                if (_decoder.TryDecode(record, out var change, out _))
                {
                    changes.Add(change with { RequiresPrevious = true });
                }
            }

            var settled = batch.Settled.Count > 0 ? batch.Settled[^1].Position : _settled;
            if (changes.Count > 0 || settled != _settled)
            {
                await _store.ApplyAsync(changes, settled, cancellationToken);
            }

            _settled = settled;
            _ahead = JournalPosition.Max(settled, batch.Ahead.Count > 0 ? batch.Ahead[^1].Position : _ahead);
            _caughtUp = batch.Settled.Count < _settings.MaxBatchSize && batch.Ahead.Count < _settings.MaxBatchSize;
            return _settled;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.Warning("The task list stopped following the journal and restarts from its stored position: {0}", e.Message);
            throw;
        }
    }
}
