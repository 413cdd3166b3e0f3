using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.Observability;

/// <summary>
/// Phases completed per second on this node over the last <see cref="MaxSeconds"/> seconds: the dashboard's chart
/// (<c>GET /throughput</c>). A ring of one slot per second, so memory stays the same however many phases run.
/// </summary>
/// <param name="time">The clock the seconds are read from.</param>
public sealed class PhaseThroughput(TimeProvider time)
{
    /// <summary>How far back the counts go.</summary>
    public const int MaxSeconds = 600;

    private readonly long[] _counts = new long[MaxSeconds];
    private readonly long[] _secondOf = new long[MaxSeconds];
    private readonly Lock _lock = new();

    /// <summary>Counts one completed phase in the current second.</summary>
    public void PhaseCompleted()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(now % MaxSeconds);
        lock (_lock)
        {
            if (_secondOf[slot] != now)
            {
                // The slot last held a second a full ring ago (or never): it starts again from zero.
                _secondOf[slot] = now;
                _counts[slot] = 0;
            }

            _counts[slot]++;
        }
    }

    /// <summary>Reads the counts of the last <paramref name="seconds"/> seconds, oldest first; the last is the current, unfinished second.</summary>
    /// <param name="seconds">How many seconds, 1 to <see cref="MaxSeconds"/>.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is out of range.</exception>
    public ThroughputResource Read(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, MaxSeconds);
        var until = time.GetUtcNow();
        var now = until.ToUnixTimeSeconds();
        var counts = new long[seconds];
        lock (_lock)
        {
            for (var i = 0; i < seconds; i++)
            {
                var second = now - seconds + 1 + i;
                var slot = (int)(second % MaxSeconds);
                counts[i] = _secondOf[slot] == second ? _counts[slot] : 0;
            }
        }

        return new ThroughputResource(DateTimeOffset.FromUnixTimeSeconds(now), counts);
    }
}
