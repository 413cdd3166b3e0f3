using System.Runtime.CompilerServices;
using PhaseFlow.Client;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Cli;

/// <summary>
/// A task's changes from <c>GET /tasks/{id}/events</c>, surviving dropped connections: a stream that ends or breaks
/// before the task finished is reopened with <c>Last-Event-ID</c>, after the environment's back-off delays.
/// </summary>
/// <param name="client">The node's API.</param>
/// <param name="environment">The clock and back-off delays.</param>
internal sealed class TaskChangeStream(PhaseFlowHttpClient client, CliEnvironment environment)
{
    /// <summary>Follows the task until a change puts it in a final state.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="notBefore">
    /// When the picture the caller already has was taken; changes from before it are part of that picture and are
    /// skipped, so a stream that replays the journal from the start does not wind the picture back.
    /// </param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>The changes, in journal order.</returns>
    /// <exception cref="PhaseFlowApiException">The task is gone (404), or every reconnect in a row failed.</exception>
    public async IAsyncEnumerable<TaskChange> FollowAsync(
        string id,
        DateTimeOffset notBefore,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? lastEventId = null;
        var failures = 0;
        while (true)
        {
            PhaseFlowApiException? broke = null;
            var changes = client.WatchAsync(id, lastEventId, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (changes.ConfigureAwait(false))
            {
                while (true)
                {
                    // A yield cannot sit inside a try with a catch, so only the read is guarded.
                    bool more;
                    try
                    {
                        more = await changes.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (PhaseFlowApiException e) when (e.IsTransient)
                    {
                        broke = e;
                        break;
                    }

                    if (!more)
                    {
                        break;
                    }

                    var change = changes.Current;
                    failures = 0;
                    lastEventId = Math.Max(lastEventId ?? 0, change.Sequence);
                    if (change.At < notBefore)
                    {
                        continue;
                    }

                    yield return change;
                    if (change is { Kind: TaskChangeKinds.State, State: { } state } && state.IsSettled())
                    {
                        yield break;
                    }
                }
            }

            if (failures >= environment.ReconnectDelays.Count)
            {
                var why = broke is null ? "the server kept closing it before the task finished" : broke.Message;
                throw new PhaseFlowApiException($"lost the event stream of task {id} after {failures} reconnects: {why}", broke);
            }

            await Task.Delay(environment.ReconnectDelays[failures++], environment.Time, cancellationToken).ConfigureAwait(false);
        }
    }
}
