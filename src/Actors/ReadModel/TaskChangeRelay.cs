using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// Carries <see cref="TaskEventsStored"/> notices between nodes, one per node. It publishes what this node's task actors
/// announce on one cluster-wide topic, and hands what the topic brings (from every node, this one included) to the
/// node's <see cref="TaskChangeNotices"/>. One topic for all tasks, fanned out locally by task id: a topic per task
/// would be thousands of topics, each gossiped to every node. Every node's relay has the same path (create it with
/// <see cref="Name"/>): that is how a relay tells a notice from another relay from one of its own node's task actors.
/// </summary>
public sealed class TaskChangeRelay : ReceiveActor
{
    /// <summary>The pub-sub topic every node's relay subscribes to.</summary>
    public const string Topic = "phaseflow-task-events-stored";

    /// <summary>The name every node's relay is created with, under <c>/user</c>.</summary>
    public const string Name = "task-change-relay";

    private readonly IActorRef _mediator;

    /// <summary>Initializes the relay; create it with <see cref="Props(TaskChangeNotices)"/>.</summary>
    /// <param name="notices">The node's open streams.</param>
    public TaskChangeRelay(TaskChangeNotices notices)
    {
        _mediator = DistributedPubSub.Get(Context.System).Mediator;
        Receive<TaskEventsStored>(notice =>
        {
            // The topic delivers with the publishing relay (same path as this one, on some node) as sender; the event
            // stream delivers with the task actor that published it as sender.
            if (Sender.Path.Elements.SequenceEqual(Self.Path.Elements))
            {
                notices.Announce(notice);
            }
            else
            {
                _mediator.Tell(new Publish(Topic, notice));
            }
        });
        Receive<SubscribeAck>(_ => { });
    }

    /// <summary>Gets the props of a node's relay.</summary>
    /// <param name="notices">The node's open streams.</param>
    /// <returns>The props.</returns>
    public static Props Props(TaskChangeNotices notices) => Akka.Actor.Props.Create(() => new TaskChangeRelay(notices));

    /// <inheritdoc/>
    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(TaskEventsStored));
        _mediator.Tell(new Subscribe(Topic, Self));
    }

    /// <inheritdoc/>
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
