namespace PhaseFlow.Actors.ReadModel;

/// <summary>How the task list projection reads and batches the journal.</summary>
/// <param name="ReadJournalPluginId">The read journal to follow.</param>
/// <param name="MaxBatchSize">The most events applied in one transaction.</param>
/// <param name="MaxBatchDelay">The longest an event waits for its batch to fill.</param>
/// <param name="MinRestartBackoff">The first wait after the stream failed.</param>
/// <param name="MaxRestartBackoff">The longest wait between restarts.</param>
public sealed record TaskListProjectionSettings(
    string ReadJournalPluginId,
    int MaxBatchSize,
    TimeSpan MaxBatchDelay,
    TimeSpan MinRestartBackoff,
    TimeSpan MaxRestartBackoff)
{
    /// <summary>Gets the settings a node uses: the SQL read journal, batches of up to 500 events or 100 ms, restarts between 1 and 30 seconds.</summary>
    public static TaskListProjectionSettings Default { get; } = new(
        "akka.persistence.query.journal.sql",
        500,
        TimeSpan.FromMilliseconds(100),
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(30));
}
