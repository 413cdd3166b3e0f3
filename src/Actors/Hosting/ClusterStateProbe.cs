using Akka.Actor;
using Akka.Cluster;

namespace PhaseFlow.Actors.Hosting;

/// <summary>
/// Asks the cluster's event publisher for its current state once, completes <paramref name="answer"/> with it, and
/// stops. The publisher updates its state before it publishes an event, so this state is never older than any
/// member-up or member-removed callback that has already run (the <see cref="Cluster.SelfMember"/> view can be).
/// </summary>
/// <param name="answer">Completed with the state; cancelled if the probe stops first (the actor system is shutting down).</param>
internal sealed class ClusterStateProbe(TaskCompletionSource<ClusterEvent.CurrentClusterState> answer) : UntypedActor
{
    /// <inheritdoc/>
    protected override void PreStart() => Cluster.Get(Context.System).SendCurrentClusterState(Self);

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        if (message is ClusterEvent.CurrentClusterState state)
        {
            answer.TrySetResult(state);
            Context.Stop(Self);
        }
        else
        {
            Unhandled(message);
        }
    }

    /// <inheritdoc/>
    protected override void PostStop() => answer.TrySetCanceled();
}
