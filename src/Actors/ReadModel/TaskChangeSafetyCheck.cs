using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PhaseFlow.Actors.Persistence;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>
/// The event streams' safety net, one per node: every <see cref="Interval"/> it reads in one query how far the journal
/// of each task with an open stream on this node reaches, and announces that to the streams as if a notice had come.
/// Only streams whose task has moved on past what they read wake up and re-read its events.
/// </summary>
/// <remarks>
/// Notices (<see cref="TaskEventsStored"/>) are at most once: a node leaving, a full mailbox or pub-sub not yet
/// gossiped to a new node can lose one. This bounds how late a lost notice makes a stream, at one query per node per
/// interval however many streams are open, instead of a timer and a journal read per stream.
/// </remarks>
/// <param name="notices">The node's open streams.</param>
/// <param name="heads">Reads how far the tasks' journals reach.</param>
/// <param name="interval">How often to check.</param>
/// <param name="timeProvider">The clock the checks run on.</param>
/// <param name="log">Where a failed check is logged.</param>
internal sealed class TaskChangeSafetyCheck(TaskChangeNotices notices, ITaskJournalHeads heads, TimeSpan interval, TimeProvider timeProvider, ILogger log) : BackgroundService
{
    /// <summary>How often a node checks its streams' tasks: the longest a lost notice delays a stream (plus the query).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Checks once: reads the journal heads of every task with an open stream and announces them.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>How many tasks were checked.</returns>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        var taskIds = notices.WatchedTaskIds();
        if (taskIds.Count == 0)
        {
            return 0;
        }

        var found = await heads.ReadAsync(taskIds, cancellationToken).ConfigureAwait(false);
        foreach (var (taskId, sequenceNr) in found)
        {
            // A watch wakes its stream only for a sequence number beyond what it was told before; the stream then
            // reads only if that is beyond what it has read.
            notices.Announce(new TaskEventsStored(taskId, sequenceNr));
        }

        return taskIds.Count;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, timeProvider, stoppingToken).ConfigureAwait(false);
                await CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be away for a while: notices still wake the streams meanwhile, and the next check
                // catches up on whatever they missed.
                log.LogWarning("The event streams' safety check could not read the journal ({Reason}); it tries again in {Seconds} s.", e.Message, interval.TotalSeconds);
            }
        }
    }
}
