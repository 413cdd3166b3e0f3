using Akka.Coordination;

namespace PhaseFlow.Actors.Coordination;

/// <summary>How long a lease lives without renewal, how often it is renewed, and how long one database call may take.</summary>
/// <param name="TimeToLive">The lease's <c>heartbeat-timeout</c>: after a holder's last renewal, others may take it this much later.</param>
/// <param name="HeartbeatInterval">How often a holder renews (<c>heartbeat-interval</c>), under half of <paramref name="TimeToLive"/>.</param>
/// <param name="OperationTimeout">How long one take, renew or give-up call may take (<c>lease-operation-timeout</c>).</param>
internal sealed record LeaseTimings(TimeSpan TimeToLive, TimeSpan HeartbeatInterval, TimeSpan OperationTimeout)
{
    /// <summary>
    /// Gets how long a holder trusts a renewal, from the moment it sent it: two heartbeat intervals less than the time
    /// to live, so it lets go before anyone else can take over.
    /// </summary>
    public TimeSpan TrustedFor => TimeToLive - (2 * HeartbeatInterval);

    /// <summary>Reads the timings of a lease's configuration (Akka checks that the interval is under half the time to live).</summary>
    /// <param name="settings">Akka's timeout settings of the lease.</param>
    /// <returns>The timings.</returns>
    public static LeaseTimings From(TimeoutSettings settings) =>
        new(settings.HeartbeatTimeout, settings.HeartbeatInterval, settings.OperationTimeout);
}
