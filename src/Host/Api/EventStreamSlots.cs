namespace PhaseFlow.Host.Api;

/// <summary>How many event streams are open on this node, against <see cref="ApiLimitOptions.MaxEventStreams"/>.</summary>
/// <param name="limit">How many may be open at once.</param>
internal sealed class EventStreamSlots(int limit)
{
    private int _open;

    /// <summary>Gets how many may be open at once.</summary>
    public int Limit => limit;

    /// <summary>Takes a slot for a new stream if one is free.</summary>
    /// <returns><see langword="false"/> when every slot is taken.</returns>
    public bool TryTake()
    {
        if (Interlocked.Increment(ref _open) <= limit)
        {
            return true;
        }

        Interlocked.Decrement(ref _open);
        return false;
    }

    /// <summary>Gives a stream's slot back when it ends.</summary>
    public void Release() => Interlocked.Decrement(ref _open);
}
