using Akka.Actor;
using Akka.Cluster;

namespace PhaseFlow.Actors.Client;

/// <summary>
/// Tells whether tasks may be moving between nodes right now: a member is unreachable or not Up, or the membership
/// changed, or a connection to another node was lost, within the last <see cref="SettleTime"/>. A task read then
/// answers "try again" after a short wait instead of waiting the whole ask timeout for a shard that is being handed over.
/// </summary>
internal sealed class ClusterUnrest
{
    /// <summary>How long after the last change the cluster counts as unsettled: about how long a dead node's shards take to start elsewhere.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private volatile Cluster? _cluster;
    private long _lastChange = long.MinValue;

    /// <summary>Initializes the signal; it says "settled" until <see cref="Start"/>.</summary>
    /// <param name="time">The clock.</param>
    public ClusterUnrest(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Starts listening to the cluster's membership and the node's connections; called once the actor system runs.</summary>
    /// <param name="system">The node's actor system.</param>
    public void Start(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        system.ActorOf(Props.Create(() => new ClusterUnrestListener(this)), "phaseflow-cluster-unrest");
        _cluster = Cluster.Get(system);
    }

    /// <summary>Gets a value indicating whether tasks may be moving between nodes.</summary>
    public bool IsUnsettled
    {
        get
        {
            var changedAt = Interlocked.Read(ref _lastChange);
            if (changedAt != long.MinValue && _time.GetUtcNow().UtcTicks - changedAt < SettleTime.Ticks)
            {
                return true;
            }

            if (_cluster is not { } cluster)
            {
                return false;
            }

            var state = cluster.State;
            return state.Unreachable.Count > 0 || state.Members.Any(m => m.Status != MemberStatus.Up);
        }
    }

    /// <summary>Records that the membership or a connection changed now.</summary>
    public void Changed() => Interlocked.Exchange(ref _lastChange, _time.GetUtcNow().UtcTicks);
}
