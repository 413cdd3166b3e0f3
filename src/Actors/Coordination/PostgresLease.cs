using Akka.Actor;
using Akka.Coordination;

namespace PhaseFlow.Actors.Coordination;

/// <summary>
/// An Akka lease kept in the cluster's PostgreSQL database (<c>cluster_lease</c>), so that of everything that asks
/// for the same lease only one node runs at a time: each shard of tasks, and the split-brain resolver's decision.
/// </summary>
/// <remarks>
/// Akka creates it from the configuration section a lease is named by (<c>phaseflow.cluster-lease</c> in
/// <c>hocon/phaseflow.conf</c>), whose <c>connection-string</c> the node sets from its <c>--postgres</c> option.
/// The renewing and the giving up in time are <see cref="LeaseKeeper"/>'s.
/// </remarks>
internal sealed class PostgresLease : Lease
{
    private readonly LeaseKeeper _keeper;

    /// <summary>Initializes the lease; Akka's lease provider calls this.</summary>
    /// <param name="settings">The lease's name, owner, timings and configuration section.</param>
    /// <param name="system">The actor system that holds it.</param>
    /// <exception cref="ArgumentException">The configuration section names no <c>connection-string</c>.</exception>
    public PostgresLease(LeaseSettings settings, ActorSystem system)
        : base(settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var connectionString = settings.LeaseConfig.GetString("connection-string", null);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException($"The lease {settings.LeaseName} has no connection-string: cluster leases live in the PostgreSQL database the nodes share.", nameof(settings));
        }

        _keeper = LeaseKeepers.Get(system).For(connectionString, LeaseTimings.From(settings.TimeoutSettings));
    }

    /// <inheritdoc/>
    public override Task<bool> Acquire() => _keeper.AcquireAsync(Settings.LeaseName, Settings.OwnerName, lost: null);

    /// <inheritdoc/>
    public override Task<bool> Acquire(Action<Exception> leaseLostCallback) => _keeper.AcquireAsync(Settings.LeaseName, Settings.OwnerName, leaseLostCallback);

    /// <inheritdoc/>
    public override Task<bool> Release() => _keeper.ReleaseAsync(Settings.LeaseName, Settings.OwnerName);

    /// <inheritdoc/>
    public override bool CheckLease() => _keeper.Holds(Settings.LeaseName, Settings.OwnerName);
}
