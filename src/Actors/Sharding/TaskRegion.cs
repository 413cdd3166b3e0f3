namespace PhaseFlow.Actors.Sharding;

/// <summary>Marker for the shard region (or proxy) of task actors in Akka.Hosting's actor registry (<c>IRequiredActor&lt;TaskRegion&gt;</c>).</summary>
public sealed class TaskRegion
{
    private TaskRegion()
    {
    }
}
