using System.Net;
using System.Runtime.CompilerServices;
using PhaseFlow.Client;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Host.Cli;

/// <summary>
/// A task's changes from <c>GET /tasks/{id}/events</c>, riding out dropped connections, node restarts and failovers:
/// a stream that ends or breaks before the task finished is reopened with <c>Last-Event-ID</c> once the node answers
/// again, for as long as the reconnect window allows.
/// </summary>
/// <param name="client">The node's API.</param>
/// <param name="environment">The clock and back-off delays.</param>
/// <param name="reconnectFor">How long to keep trying after the stream was lost, counted from the loss.</param>
/// <param name="onTrouble">
/// Told when the node stops answering (with since when and why) and, with <see langword="null"/>, when it answers
/// again; a short blip that the first reconnect mends is not reported.
/// </param>
internal sealed class TaskChangeStream(
    PhaseFlowHttpClient client,
    CliEnvironment environment,
    TimeSpan reconnectFor,
    Action<ConnectionTrouble?> onTrouble)
{
    /// <summary>Follows the task until a change puts it in a final state.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="notBefore">
    /// When the picture the caller already has was taken; changes from before it are part of that picture and are
    /// skipped, so a stream that replays the journal from the start does not wind the picture back.
    /// </param>
    /// <param name="cancellationToken">Stops following.</param>
    /// <returns>The changes, in journal order.</returns>
    /// <exception cref="PhaseFlowApiException">The task is gone (404), or the stream stayed lost for the whole window.</exception>
    public async IAsyncEnumerable<TaskChange> FollowAsync(
        string id,
        DateTimeOffset notBefore,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long? lastEventId = null;

        // Since when the stream has been lost without a change coming through: a stream the server keeps closing
        // counts against the window as much as a node that does not answer.
        DateTimeOffset? lostSince = null;
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
                    lostSince = null;
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

            lostSince ??= environment.Time.GetUtcNow();
            var why = broke?.Message ?? "the node kept closing the event stream before the task finished";
            await ReconnectAsync(id, lostSince.Value, why, cancellationToken).ConfigureAwait(false);
        }
    }

    // Waits until the node answers for the task again (a plain GET, so a node that is up but still recovering is not
    // taken for one whose stream is back), reporting the trouble once it outlasts the first quick retry.
    private async Task ReconnectAsync(string id, DateTimeOffset lostSince, string why, CancellationToken cancellationToken)
    {
        var giveUpAt = lostSince + reconnectFor;
        var reported = false;
        for (var attempt = 0; ; attempt++)
        {
            var now = environment.Time.GetUtcNow();
            if (now >= giveUpAt)
            {
                throw new PhaseFlowApiException(
                    $"lost the event stream of task {id} for {CliText.Duration(now - lostSince)} (--reconnect-for {CliText.Duration(reconnectFor)}): {why}. " +
                    $"The task goes on without you; `phaseflow watch {id}` follows it again.");
            }

            var backoff = environment.ReconnectBackoff;
            var delay = backoff.Count == 0 ? TimeSpan.Zero : backoff[Math.Min(attempt, backoff.Count - 1)];
            await Task.Delay(Min(delay, giveUpAt - now), environment.Time, cancellationToken).ConfigureAwait(false);
            try
            {
                if (await client.GetAsync(id, cancellationToken).ConfigureAwait(false) is null)
                {
                    throw new PhaseFlowApiException($"task {id} no longer exists", HttpStatusCode.NotFound, problemType: null, title: null, detail: null);
                }

                if (reported)
                {
                    onTrouble(null);
                }

                return;
            }
            catch (PhaseFlowApiException e) when (e.IsTransient)
            {
                why = e.Message;
                reported = true;
                onTrouble(new ConnectionTrouble(lostSince, why, giveUpAt));
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
