using Akka.Actor;
using Akka.Cluster;
using Akka.Remote;

namespace PhaseFlow.Actors.Client;

/// <summary>Tells <see cref="ClusterUnrest"/> of every change that may move tasks: a member leaving, unreachable or removed, a lost connection.</summary>
/// <param name="unrest">The signal to update.</param>
internal sealed class ClusterUnrestListener(ClusterUnrest unrest) : UntypedActor
{
    /// <inheritdoc/>
    protected override void PreStart()
    {
        Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent), typeof(ClusterEvent.IReachabilityEvent));

        // A killed node's connections close at once, seconds before the failure detector calls it unreachable.
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
    }

    /// <inheritdoc/>
    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        Context.System.EventStream.Unsubscribe(Self);
    }

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case ClusterEvent.CurrentClusterState:
            case ClusterEvent.MemberUp:
            case ClusterEvent.MemberJoined:
            case ClusterEvent.MemberWeaklyUp:
            case ClusterEvent.ReachableMember:
                // A member arriving or coming back moves no task away from a node that serves it.
                break;
            case ClusterEvent.IMemberEvent or ClusterEvent.IReachabilityEvent or DisassociatedEvent:
                unrest.Changed();
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
