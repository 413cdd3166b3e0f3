using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace PhaseFlow.Actors.Coordination;

/// <summary>
/// The <see cref="LeaseKeeper"/>s of one actor system, one per database and timings, so that every lease the node
/// holds there (each shard's, a singleton's, the split-brain resolver's) is renewed by one statement per heartbeat.
/// They stop with the actor system.
/// </summary>
internal sealed class LeaseKeepers : IExtension
{
    private readonly ConcurrentDictionary<(string ConnectionString, LeaseTimings Timings), Lazy<LeaseKeeper>> _keepers = new();
    private readonly ExtendedActorSystem _system;

    public LeaseKeepers(ExtendedActorSystem system)
    {
        _system = system;
        system.RegisterOnTermination(() =>
        {
            foreach (var keeper in _keepers.Values.Where(k => k.IsValueCreated))
            {
                keeper.Value.Dispose();
            }
        });
    }

    /// <summary>Gets the extension of an actor system.</summary>
    /// <param name="system">The actor system.</param>
    /// <returns>Its keepers.</returns>
    public static LeaseKeepers Get(ActorSystem system) => system.WithExtension<LeaseKeepers, LeaseKeepersProvider>();

    /// <summary>Gets the keeper of a database and timings, started on first use.</summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="timings">The lease timings.</param>
    /// <returns>The keeper.</returns>
    public LeaseKeeper For(string connectionString, LeaseTimings timings) =>
        _keepers.GetOrAdd(
            (connectionString, timings),
            key => new Lazy<LeaseKeeper>(() => new LeaseKeeper(
                new PostgresLeaseTable(key.ConnectionString),
                key.Timings,
                TimeProvider.System,
                Logging.GetLogger(_system, "PhaseFlow.Coordination.LeaseKeeper")))).Value;

    private sealed class LeaseKeepersProvider : ExtensionIdProvider<LeaseKeepers>
    {
        public override LeaseKeepers CreateExtension(ExtendedActorSystem system) => new(system);
    }
}
