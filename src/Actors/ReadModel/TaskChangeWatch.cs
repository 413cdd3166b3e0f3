namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// One open stream's interest in one task: remembers the highest sequence number announced for it and wakes the
/// stream when a newer one arrives. Dispose it to stop listening.
/// </summary>
public sealed class TaskChangeWatch : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Action<TaskChangeWatch> _forget;
    private long _announced;

    internal TaskChangeWatch(string taskId, Action<TaskChangeWatch> forget)
    {
        TaskId = taskId;
        _forget = forget;
    }

    /// <summary>Gets the id of the task watched.</summary>
    public string TaskId { get; }

    /// <summary>
    /// Waits until a notice announces an event after <paramref name="afterSequence"/>; returns at once when such a notice
    /// already came. There is no timeout here: the node's <see cref="TaskChangeSafetyCheck"/> announces what a lost
    /// notice would have.
    /// </summary>
    /// <param name="afterSequence">The last sequence number the stream has read.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the stream should read the journal again.</returns>
    public async Task WaitAsync(long afterSequence, CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _announced) <= afterSequence)
        {
            await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _forget(this);
        _signal.Dispose();
    }

    /// <summary>Records a notice and wakes the stream if it says something newer.</summary>
    /// <param name="sequenceNr">The last sequence number stored.</param>
    internal void Announce(long sequenceNr)
    {
        var known = Volatile.Read(ref _announced);
        while (sequenceNr > known)
        {
            var seen = Interlocked.CompareExchange(ref _announced, sequenceNr, known);
            if (seen == known)
            {
                if (_signal.CurrentCount == 0)
                {
                    try
                    {
                        _signal.Release();
                    }
                    catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
                    {
                        // Woken already by a notice a moment earlier, or the stream has just closed.
                    }
                }

                return;
            }

            known = seen;
        }
    }
}
