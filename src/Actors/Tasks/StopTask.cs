namespace PhaseFlow.Actors.Tasks;

/// <summary>
/// What the shard sends a task actor to stop it, after the actor asked to passivate or when its shard is handed off.
/// The actor stops at once; anything a client sent in between was forwarded back to the shard, which starts the actor
/// again to deliver it.
/// </summary>
public sealed class StopTask
{
    private StopTask()
    {
    }

    /// <summary>Gets the single instance.</summary>
    public static StopTask Instance { get; } = new();
}
