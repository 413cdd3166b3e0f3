namespace PhaseFlow.Actors.ReadModel;

/// <summary>How an event stream (<see cref="TaskChangeFeed"/>) waits for its task's next events.</summary>
/// <param name="SafetyReread">
/// How long a stream waits for a notice (<see cref="TaskEventsStored"/>) before it reads the journal anyway. Notices
/// are at most once (a node leaving, a full mailbox), so this bounds how late a lost one makes a stream.
/// </param>
public sealed record TaskChangeFeedSettings(TimeSpan SafetyReread)
{
    /// <summary>Gets the settings a node uses: a read at least every 5 seconds while a stream is open.</summary>
    public static TaskChangeFeedSettings Default { get; } = new(TimeSpan.FromSeconds(5));
}
