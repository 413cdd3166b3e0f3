using Akka;
using Akka.Actor;
using Akka.Persistence;
using PhaseFlow.Actors.Tasks;
using PhaseFlow.Contracts.Events;

namespace PhaseFlow.Tests.Fixtures;

/// <summary>
/// Writes task events through the node's real journal plugin under the task's persistence id, as a task actor would,
/// without running a task: for tests of what reads the journal.
/// </summary>
public static class EventWriter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>Persists the events (each committed before the next is written), then stops the writer.</summary>
    public static async Task WriteAsync(ActorSystem system, string taskId, params ITaskEvent[] events)
    {
        var writer = system.ActorOf(Props.Create(() => new Writer(taskId)));
        try
        {
            foreach (var @event in events)
            {
                await writer.Ask<Done>(@event, Timeout);
            }
        }
        finally
        {
            await writer.GracefulStop(Timeout);
        }
    }

    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string taskId)
        {
            PersistenceId = PersistenceIds.ForTask(taskId);
            Command<ITaskEvent>(e => Persist(e, _ => Sender.Tell(Done.Instance)));
            Recover<ITaskEvent>(_ => { });
        }

        public override string PersistenceId { get; }
    }
}
