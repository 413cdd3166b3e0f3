using Akka.Actor;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Client;

/// <summary>
/// <see cref="IPhaseFlowClient"/> over the task shard region (or a proxy to it). Ids are checked before anything is
/// sent, so a bad id is a clear rejection rather than a message that cannot be routed.
/// </summary>
public sealed class PhaseFlowClient : IPhaseFlowClient
{
    private readonly Func<CancellationToken, Task<IActorRef>> _region;
    private readonly TimeSpan _askTimeout;

    /// <summary>Initializes a client.</summary>
    /// <param name="region">Resolves the shard region (or proxy) of task actors.</param>
    /// <param name="askTimeout">How long to wait for a task's answer.</param>
    public PhaseFlowClient(Func<CancellationToken, Task<IActorRef>> region, TimeSpan askTimeout)
    {
        ArgumentNullException.ThrowIfNull(region);
        _region = region;
        _askTimeout = askTimeout;
    }

    /// <summary>Initializes a client over a known actor.</summary>
    /// <param name="region">The shard region, proxy, or (in tests) any actor that routes task messages.</param>
    /// <param name="askTimeout">How long to wait for a task's answer.</param>
    public PhaseFlowClient(IActorRef region, TimeSpan askTimeout)
        : this(_ => Task.FromResult(region), askTimeout)
    {
    }

    /// <inheritdoc/>
    public Task<ICommandReply> SubmitAsync(SubmitTask command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return AskAsync(command.TaskId, command, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<TaskStatusView?> GetStatusAsync(string taskId, CancellationToken cancellationToken = default)
    {
        if (!TaskIds.IsValid(taskId))
        {
            return null;
        }

        var region = await _region(cancellationToken).ConfigureAwait(false);
        var answer = await region.Ask<IWithTaskId>(new GetTaskStatus(taskId), _askTimeout, cancellationToken).ConfigureAwait(false);
        return answer as TaskStatusView;
    }

    /// <inheritdoc/>
    public Task<ICommandReply> CancelAsync(string taskId, CancellationToken cancellationToken = default) =>
        AskAsync(taskId, new CancelTask(taskId), cancellationToken);

    /// <inheritdoc/>
    public Task<ICommandReply> RetryRevertAsync(string taskId, CancellationToken cancellationToken = default) =>
        AskAsync(taskId, new RetryRevert(taskId), cancellationToken);

    private async Task<ICommandReply> AskAsync(string taskId, ITaskCommand command, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(taskId))
        {
            return new CommandRejected(taskId, RejectionCode.InvalidInput, TaskIds.Explain(taskId));
        }

        var region = await _region(cancellationToken).ConfigureAwait(false);
        return await region.Ask<ICommandReply>(command, _askTimeout, cancellationToken).ConfigureAwait(false);
    }
}
