namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// How many tasks run on this node (not yet settled), against the node's limit. A new submission takes a place before
/// anything is stored and is refused when none is left; a task that recovers here always takes one, over the limit if
/// need be, because refusing it would leave it stuck.
/// </summary>
public sealed class TaskAdmission
{
    private int _running;

    /// <summary>Initializes the count.</summary>
    /// <param name="limit">How many tasks may run at once; at least 1.</param>
    public TaskAdmission(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
    }

    /// <summary>Gets how many tasks may run at once.</summary>
    public int Limit { get; }

    /// <summary>Gets how many tasks run now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Takes a place for a new task if one is left.</summary>
    /// <returns><see langword="false"/> when the node is full.</returns>
    internal bool TryAdmit()
    {
        var running = Running;
        while (running < Limit)
        {
            var seen = Interlocked.CompareExchange(ref _running, running + 1, running);
            if (seen == running)
            {
                return true;
            }

            running = seen;
        }

        return false;
    }

    /// <summary>Takes a place whatever the limit (a task recovered here).</summary>
    internal void Enter() => Interlocked.Increment(ref _running);

    /// <summary>Gives a place back.</summary>
    internal void Release() => Interlocked.Decrement(ref _running);
}
