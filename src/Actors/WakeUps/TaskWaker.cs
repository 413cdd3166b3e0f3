using Akka.Actor;
using Akka.Event;

namespace PhaseFlow.Actors.WakeUps;

/// <summary>
/// One per node: reads the wake-ups due in the next poll interval and sends each task a <see cref="WakeTask"/> through
/// the shard region; a task's <see cref="TaskWoken"/> answer removes its row.
/// </summary>
/// <remarks>
/// Every node runs one, so a wake-up is sent as long as any node is up; a task woken by several nodes answers each,
/// and only the first removal finds the row. A row stays until its task answers, so a wake lost with a dying node is
/// sent again after <see cref="TaskWakerSettings.ResendAfter"/>. A wake sent a moment early is harmless: the task's own
/// timer waits out the rest.
/// </remarks>
public sealed class TaskWaker : ReceiveActor, IWithTimers
{
    private const string PollTimer = "poll";

    private readonly IWakeUpStore _store;
    private readonly IActorRef _region;
    private readonly TaskWakerSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    // Wake-ups sent and not yet answered, with when they were sent: not sent again before ResendAfter.
    private readonly Dictionary<WakeUp, DateTimeOffset> _sent = [];
    private bool _reading;

    /// <summary>Initializes the waker.</summary>
    /// <param name="store">Where the wake-ups are.</param>
    /// <param name="region">The task shard region (or proxy) wakes are sent through.</param>
    /// <param name="settings">How often to read, and when to resend.</param>
    /// <param name="time">The clock due times are compared with.</param>
    public TaskWaker(IWakeUpStore store, IActorRef region, TaskWakerSettings settings, TimeProvider time)
    {
        _store = store;
        _region = region;
        _settings = settings;
        _time = time;

        Receive<Poll>(_ => Read());
        Receive<DueRead>(OnDueRead);
        Receive<ReadFailed>(failed =>
        {
            _reading = false;
            _log.Warning("Reading the due wake-ups of waiting tasks failed ({0}); trying again in {1}.", failed.Reason, _settings.PollInterval);
        });
        Receive<TaskWoken>(woken =>
        {
            var wakeUp = new WakeUp(woken.TaskId, woken.DueUnixMs);
            if (_sent.Remove(wakeUp))
            {
                _store.RemoveAsync(wakeUp, CancellationToken.None).PipeTo(
                    Self,
                    success: () => Removed.Instance,
                    failure: e => new RemoveFailed(wakeUp, e.GetBaseException().Message));
            }
        });
        Receive<Removed>(_ => { });
        Receive<RemoveFailed>(failed =>
            _log.Warning("Task {0} woke, but its wake-up could not be removed ({1}); it is woken again when the row is read.", failed.WakeUp.TaskId, failed.Reason));
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Creates the props of a waker.</summary>
    /// <param name="store">Where the wake-ups are.</param>
    /// <param name="region">The task shard region (or proxy).</param>
    /// <param name="settings">How often to read, and when to resend.</param>
    /// <param name="time">The clock.</param>
    /// <returns>The props.</returns>
    public static Props Props(IWakeUpStore store, IActorRef region, TaskWakerSettings settings, TimeProvider time) =>
        Akka.Actor.Props.Create(() => new TaskWaker(store, region, settings, time));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(PollTimer, Poll.Instance, TimeSpan.Zero, _settings.PollInterval);
    }

    private void Read()
    {
        if (_reading)
        {
            return;
        }

        _reading = true;
        var until = _time.GetUtcNow() + _settings.PollInterval;
        _store.DueAsync(until, _settings.BatchSize, CancellationToken.None).PipeTo(Self, success: due => new DueRead(due), failure: e => new ReadFailed(e.GetBaseException().Message));
    }

    private void OnDueRead(DueRead read)
    {
        _reading = false;
        var now = _time.GetUtcNow();
        foreach (var wakeUp in read.Due)
        {
            if (_sent.TryGetValue(wakeUp, out var sentAt) && now - sentAt < _settings.ResendAfter)
            {
                continue;
            }

            _sent[wakeUp] = now;
            _region.Tell(new WakeTask(wakeUp.TaskId, wakeUp.DueUnixMs), Self);
        }

        // A row removed by another node's waker is never answered here: forget it once it is old.
        foreach (var stale in _sent.Where(s => now - s.Value > 6 * _settings.ResendAfter).Select(s => s.Key).ToList())
        {
            _sent.Remove(stale);
        }
    }

    private sealed record Poll
    {
        public static Poll Instance { get; } = new();
    }

    private sealed record DueRead(IReadOnlyList<WakeUp> Due);

    private sealed record ReadFailed(string Reason);

    private sealed record Removed
    {
        public static Removed Instance { get; } = new();
    }

    private sealed record RemoveFailed(WakeUp WakeUp, string Reason);
}
