using System.Diagnostics.Metrics;
using PhaseFlow.Actors.Observability;

namespace PhaseFlow.Host.Api;

/// <summary>
/// How many event streams are open on this node, against <see cref="ApiLimitOptions.MaxEventStreams"/>; published as
/// the <c>phaseflow.event_streams.open</c> metric.
/// </summary>
internal sealed class EventStreamSlots
{
    private readonly int _limit;
    private int _open;

    /// <summary>Initializes the slots.</summary>
    /// <param name="limit">How many may be open at once.</param>
    /// <param name="meters">The host's meter factory (it owns the meter).</param>
    public EventStreamSlots(int limit, IMeterFactory meters)
    {
        _limit = limit;
        meters.Create(PhaseFlowTelemetry.MeterName).CreateObservableUpDownCounter("phaseflow.event_streams.open", () => Volatile.Read(ref _open), "{stream}", "Event streams (GET /tasks/{id}/events) open on this node.");
    }

    /// <summary>Gets how many may be open at once.</summary>
    public int Limit => _limit;

    /// <summary>Takes a slot for a new stream if one is free.</summary>
    /// <returns><see langword="false"/> when every slot is taken.</returns>
    public bool TryTake()
    {
        if (Interlocked.Increment(ref _open) <= _limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _open);
        return false;
    }

    /// <summary>Gives a stream's slot back when it ends.</summary>
    public void Release() => Interlocked.Decrement(ref _open);
}
