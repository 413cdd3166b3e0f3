namespace PhaseFlow.Actors.WakeUps;

/// <summary>
/// The durable wake-ups of tasks that wait (a retry, a delay, a signal's timeout) without a live actor: one row per task, the time it is
/// due. A task records its wake-up before it leaves memory; every node's <see cref="TaskWaker"/> reads the due ones
/// and wakes those tasks through sharding, so a wait survives restarts and the loss of the node it began on.
/// </summary>
/// <remarks>
/// Due times are stored as Unix milliseconds, so a wake-up read back compares equal to the one written: a row is
/// removed only if it still holds the due time its task acknowledged, never a later one the task recorded since. The
/// table is created when the storage prepares the database.
/// </remarks>
public interface IWakeUpStore
{
    /// <summary>Records (or moves) a task's wake-up.</summary>
    /// <param name="wakeUp">The task and when it is due.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the row is committed.</returns>
    Task SetAsync(WakeUp wakeUp, CancellationToken cancellationToken);

    /// <summary>Reads the wake-ups due at or before a time, earliest first.</summary>
    /// <param name="until">The latest due time to read.</param>
    /// <param name="limit">The most rows to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The wake-ups.</returns>
    Task<IReadOnlyList<WakeUp>> DueAsync(DateTimeOffset until, int limit, CancellationToken cancellationToken);

    /// <summary>Removes a task's wake-up if it still holds this due time.</summary>
    /// <param name="wakeUp">The wake-up the task acknowledged.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the removal is committed.</returns>
    Task RemoveAsync(WakeUp wakeUp, CancellationToken cancellationToken);
}
