namespace PhaseFlow.Actors.WakeUps;

/// <summary>When a waiting task is due to be woken.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="DueUnixMs">When, in Unix milliseconds (the precision the stores keep).</param>
public sealed record WakeUp(string TaskId, long DueUnixMs)
{
    /// <summary>Gets when the task is due.</summary>
    public DateTimeOffset Due => DateTimeOffset.FromUnixTimeMilliseconds(DueUnixMs);

    /// <summary>Creates a wake-up, rounding the due time up to the next millisecond (never early).</summary>
    /// <param name="taskId">The task.</param>
    /// <param name="due">When it is due.</param>
    /// <returns>The wake-up.</returns>
    public static WakeUp At(string taskId, DateTimeOffset due)
    {
        var ms = due.ToUnixTimeMilliseconds();
        return new WakeUp(taskId, DateTimeOffset.FromUnixTimeMilliseconds(ms) < due ? ms + 1 : ms);
    }
}
