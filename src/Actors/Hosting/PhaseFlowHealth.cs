using Akka.Actor;
using Akka.Cluster;
using Akka.Persistence;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Actors.Hosting;

/// <summary>
/// Tells whether the node can serve tasks: its cluster member is Up (it joined) and the journal answers a read.
/// </summary>
/// <param name="system">The node's actor system.</param>
/// <param name="timeout">How long the journal may take to answer.</param>
public sealed class PhaseFlowHealth(ActorSystem system, TimeSpan timeout)
{
    /// <summary>The status of a node that can serve tasks.</summary>
    public const string Ready = "ready";

    /// <summary>The status of a node that cannot serve tasks yet.</summary>
    public const string Starting = "starting";

    // A persistence id no task can have (task ids cannot contain '/'), so the probe never touches a real journal.
    private const string ProbePersistenceId = "phaseflow/health-probe";

    /// <summary>Checks the node.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns><see cref="Ready"/>, or <see cref="Starting"/> with what is missing.</returns>
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var member = Cluster.Get(system).SelfMember;
        if (member.Status != MemberStatus.Up)
        {
            return new HealthReport(Starting, $"cluster member {member.Address} is {member.Status}, not Up yet");
        }

        try
        {
            var journal = Akka.Persistence.Persistence.Instance.Apply(system).JournalFor(null);
            var answer = await journal.Ask<object>(
                replyTo => new ReplayMessages(1, 0, 0, ProbePersistenceId, replyTo),
                timeout,
                cancellationToken);
            return answer is RecoverySuccess
                ? new HealthReport(Ready)
                : new HealthReport(Starting, $"the journal answered {answer.GetType().Name}: {(answer as ReplayMessagesFailure)?.Cause.Message}");
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return new HealthReport(Starting, $"the journal did not answer within {timeout.TotalSeconds:0.#} s");
        }
    }
}
