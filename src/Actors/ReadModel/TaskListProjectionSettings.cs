namespace PhaseFlow.Actors.ReadModel;

/// <summary>How the task list projection reads the journal and retries.</summary>
/// <param name="MaxBatchSize">The most journal rows of each kind (settled, read ahead) applied in one transaction.</param>
/// <param name="PollInterval">How long the projection waits before it looks again once it has read everything there was.</param>
/// <param name="MinRestartBackoff">The first wait after reading or applying failed.</param>
/// <param name="MaxRestartBackoff">The longest wait between restarts.</param>
public sealed record TaskListProjectionSettings(
    int MaxBatchSize,
    TimeSpan PollInterval,
    TimeSpan MinRestartBackoff,
    TimeSpan MaxRestartBackoff)
{
    /// <summary>Gets the settings a node uses: batches of up to 500 rows, a look every 250 ms when idle, restarts between 1 and 30 seconds.</summary>
    public static TaskListProjectionSettings Default { get; } = new(
        500,
        TimeSpan.FromMilliseconds(250),
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(30));
}
