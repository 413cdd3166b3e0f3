using Akka.Actor;
using Akka.Cluster;
using Akka.Persistence;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.Hosting;

/// <summary>
/// Tells whether the node can serve tasks: its cluster member is Up (it joined), it is not leaving or removed, and the
/// journal answers a read.
/// </summary>
/// <remarks>
/// Readiness follows the cluster's member-up and member-removed callbacks, registered when this is created, not
/// <see cref="Cluster.SelfMember"/> alone: that view is updated by an actor of its own and can still say Joining
/// after a member-up callback has run. Callbacks run on listener actors of their own, in no fixed order, so until
/// this one's has run a check asks the cluster's event publisher directly, whose state is never older than a
/// callback that ran. Once any member-up callback has run, a check therefore says the member is Up.
/// </remarks>
public sealed class PhaseFlowHealth
{
    /// <summary>The status of a node that can serve tasks.</summary>
    public const string Ready = "ready";

    /// <summary>The status of a node that cannot serve tasks yet.</summary>
    public const string Starting = "starting";

    // A persistence id no task can have (task ids cannot contain '/'), so the probe never touches a real journal.
    private const string ProbePersistenceId = "phaseflow/health-probe";

    private readonly ActorSystem _system;
    private readonly TimeSpan _timeout;
    private volatile bool _up;
    private volatile bool _removed;

    /// <summary>Initializes the check and registers for the node's member-up and member-removed callbacks.</summary>
    /// <param name="system">The node's actor system.</param>
    /// <param name="timeout">How long the cluster and the journal may take to answer.</param>
    public PhaseFlowHealth(ActorSystem system, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(system);
        _system = system;
        _timeout = timeout;
        var cluster = Cluster.Get(system);
        cluster.RegisterOnMemberUp(() => _up = true);

        // Also runs when the actor system stops, so a node shutting down is never reported ready.
        cluster.RegisterOnMemberRemoved(() => _removed = true);
    }

    /// <summary>Checks the node.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see cref="Ready"/>, or <see cref="Starting"/> with what is missing.</returns>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var cluster = Cluster.Get(_system);
        if (_removed)
        {
            return new HealthReport(Starting, $"cluster member {cluster.SelfAddress} was removed from the cluster (it left, was downed or is shutting down); start the node again to rejoin");
        }

        if (!_up)
        {
            var notUp = await NotUpYetAsync(cluster, cancellationToken);
            if (notUp is not null)
            {
                return new HealthReport(Starting, notUp);
            }
        }
        else if (cluster.SelfMember.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down)
        {
            // Only after Up: before it, the view may lag the callback; leaving only ever comes after Up.
            return new HealthReport(Starting, $"cluster member {cluster.SelfAddress} is {cluster.SelfMember.Status}: it is leaving the cluster");
        }

        try
        {
            var journal = Akka.Persistence.Persistence.Instance.Apply(_system).JournalFor(null);
            var answer = await journal.Ask<object>(
                replyTo => new ReplayMessages(1, 0, 0, ProbePersistenceId, replyTo),
                _timeout,
                cancellationToken);
            return answer is RecoverySuccess
                ? new HealthReport(Ready)
                : new HealthReport(Starting, $"the journal could not be read: {(answer as ReplayMessagesFailure)?.Cause.Message ?? "it gave an unexpected answer"}");
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return new HealthReport(Starting, $"the journal did not answer within {_timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>Asks the cluster's event publisher for this member's status.</summary>
    /// <returns>Why the member is not Up, or <see langword="null"/> when it is.</returns>
    private async Task<string?> NotUpYetAsync(Cluster cluster, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<ClusterEvent.CurrentClusterState>(TaskCreationOptions.RunContinuationsAsynchronously);
        IActorRef? probe = null;
        try
        {
            probe = _system.ActorOf(Props.Create(typeof(ClusterStateProbe), answer));
            var state = await answer.Task.WaitAsync(_timeout, cancellationToken);
            var self = state.Members.FirstOrDefault(m => m.UniqueAddress.Equals(cluster.SelfUniqueAddress));
            if (self is null)
            {
                return $"cluster member {cluster.SelfAddress} has not joined a cluster yet, so it is not Up yet";
            }

            if (self.Status != MemberStatus.Up)
            {
                return $"cluster member {cluster.SelfAddress} is {self.Status}, not Up yet";
            }

            _up = true;
            return null;
        }
        catch (TimeoutException)
        {
            return $"the cluster did not report this member's status within {_timeout.TotalSeconds:0.#} s";
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The probe stopped unanswered, or could not be created: the actor system is shutting down.
            return $"cluster member {cluster.SelfAddress} is shutting down";
        }
        finally
        {
            if (probe is not null)
            {
                _system.Stop(probe);
            }
        }
    }
}
