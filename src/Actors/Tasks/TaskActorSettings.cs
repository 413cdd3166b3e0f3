using PhaseFlow.Contracts.Authoring;

namespace PhaseFlow.Actors.Tasks;

/// <summary>What every task actor of a node shares.</summary>
public sealed class TaskActorSettings
{
    /// <summary>Initializes the settings.</summary>
    /// <param name="registry">The task types this node can run.</param>
    /// <param name="timeProvider">The clock events are stamped with.</param>
    /// <param name="idleTimeout">How long a finished, suspended or unknown task stays in memory after its last message.</param>
    /// <param name="passivateThroughParent"><see langword="true"/> under Cluster Sharding (stop by asking the shard to passivate); <see langword="false"/> to stop directly.</param>
    public TaskActorSettings(TaskTypeRegistry registry, TimeProvider timeProvider, TimeSpan idleTimeout, bool passivateThroughParent)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (idleTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(idleTimeout), idleTimeout, "The idle timeout must be positive.");
        }

        Registry = registry;
        TimeProvider = timeProvider;
        IdleTimeout = idleTimeout;
        PassivateThroughParent = passivateThroughParent;
    }

    /// <summary>Gets the task types this node can run.</summary>
    public TaskTypeRegistry Registry { get; }

    /// <summary>Gets the clock events are stamped with.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets how long a task that has nothing to do stays in memory.</summary>
    public TimeSpan IdleTimeout { get; }

    /// <summary>Gets a value indicating whether the actor runs under Cluster Sharding and passivates through its shard.</summary>
    public bool PassivateThroughParent { get; }
}
