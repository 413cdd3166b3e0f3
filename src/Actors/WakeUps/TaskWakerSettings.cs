namespace PhaseFlow.Actors.WakeUps;

/// <summary>How a node's <see cref="TaskWaker"/> reads and sends wake-ups.</summary>
/// <param name="PollInterval">How often it reads the due wake-ups; a task wakes at most this late (plus the time it takes to recover).</param>
/// <param name="ResendAfter">How long it waits for a task's answer before it wakes the task again.</param>
/// <param name="BatchSize">The most wake-ups one read sends.</param>
public sealed record TaskWakerSettings(TimeSpan PollInterval, TimeSpan ResendAfter, int BatchSize)
{
    /// <summary>Gets the settings a node has: a read every second, a resend after 10 s, 1,000 per read.</summary>
    public static TaskWakerSettings Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 1_000);
}
