using System.Diagnostics;
using Akka.Actor;
using PhaseFlow.Actors.Hosting;
using PhaseFlow.Actors.Observability;
using PhaseFlow.Actors.Persistence;
using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Client;

/// <summary>
/// <see cref="IPhaseFlowClient"/> over the task shard region (or a proxy to it). Ids are checked before anything is
/// sent, so a bad id is a clear rejection rather than a message that cannot be routed; and, given the journal's
/// <see cref="IAcceptedTasks"/>, an id that was never accepted is answered "not found" without asking sharding,
/// which would start and remember an entity for it.
/// </summary>
public sealed class PhaseFlowClient : IPhaseFlowClient
{
    private readonly Func<CancellationToken, Task<IActorRef>> _region;
    private readonly TimeSpan _askTimeout;
    private readonly IAcceptedTasks? _acceptedTasks;

    /// <summary>Initializes a client.</summary>
    /// <param name="region">Resolves the shard region (or proxy) of task actors.</param>
    /// <param name="askTimeout">How long to wait for a task's answer.</param>
    /// <param name="acceptedTasks">
    /// The journal's record of accepted tasks, asked before anything but a submission is sent; when
    /// <see langword="null"/>, every message goes to the region and the task actor answers for unknown ids itself.
    /// </param>
    public PhaseFlowClient(Func<CancellationToken, Task<IActorRef>> region, TimeSpan askTimeout, IAcceptedTasks? acceptedTasks = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        _region = region;
        _askTimeout = askTimeout;
        _acceptedTasks = acceptedTasks;
    }

    /// <summary>Initializes a client over a known actor.</summary>
    /// <param name="region">The shard region, proxy, or (in tests) any actor that routes task messages.</param>
    /// <param name="askTimeout">How long to wait for a task's answer.</param>
    /// <param name="acceptedTasks">The journal's record of accepted tasks; see the other constructor.</param>
    public PhaseFlowClient(IActorRef region, TimeSpan askTimeout, IAcceptedTasks? acceptedTasks = null)
        : this(_ => Task.FromResult(region), askTimeout, acceptedTasks)
    {
    }

    /// <summary>
    /// Gets the signal that tasks may be moving between nodes; while it says so, a read that has not been answered
    /// within <see cref="PhaseFlowDefaults.UnsettledReadPatience"/> gives up with <see cref="TaskUnavailableException"/>
    /// rather than waiting the whole ask timeout for a shard being handed over. <see langword="null"/>: reads always wait.
    /// </summary>
    internal ClusterUnrest? Unrest { get; init; }

    /// <inheritdoc/>
    public async Task<ICommandReply> SubmitAsync(SubmitTask command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);

        // The submission's span (or the caller's) is stored with the task: the spans of its phases join this trace.
        using var span = TaskTracing.StartSubmit(command.TaskId, command.TaskType, command.TraceParent);
        var reply = await AskAsync(command.TaskId, command with { TraceParent = TaskTracing.ToStore(span, command.TraceParent) }, cancellationToken).ConfigureAwait(false);
        if (reply is CommandRejected rejected)
        {
            span?.SetStatus(ActivityStatusCode.Error, rejected.Message);
        }

        return reply;
    }

    /// <inheritdoc/>
    public async Task<TaskStatusView?> GetStatusAsync(string taskId, CancellationToken cancellationToken = default)
    {
        if (!TaskIds.IsValid(taskId) || !await IsAcceptedAsync(taskId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var region = await _region(cancellationToken).ConfigureAwait(false);
        var asking = region.Ask<IWithTaskId>(new GetTaskStatus(taskId), _askTimeout, cancellationToken);
        if (Unrest is { } unrest)
        {
            await Task.WhenAny(asking, Task.Delay(PhaseFlowDefaults.UnsettledReadPatience, cancellationToken)).ConfigureAwait(false);
            if (!asking.IsCompleted && unrest.IsUnsettled)
            {
                // The ask still ends on its own (an answer or its timeout); nobody waits for it any more.
                _ = asking.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                throw new TaskUnavailableException(
                    $"Task '{taskId}' did not answer within {PhaseFlowDefaults.UnsettledReadPatience.TotalSeconds:0.#} s while the cluster's membership is changing " +
                    "(a node left or cannot be reached), so it may be moving to another node; try again in a few seconds.");
            }
        }

        return await asking.ConfigureAwait(false) switch
        {
            TaskStatusView view => view,
            TaskUnavailable unavailable => throw new TaskUnavailableException(unavailable.Problem),
            _ => null,
        };
    }

    /// <inheritdoc/>
    public Task<ICommandReply> CancelAsync(string taskId, CancellationToken cancellationToken = default) =>
        AskAsync(taskId, new CancelTask(taskId), cancellationToken);

    /// <inheritdoc/>
    public Task<ICommandReply> ResumeAsync(string taskId, CancellationToken cancellationToken = default) =>
        AskAsync(taskId, new ResumeTask(taskId), cancellationToken);

    /// <inheritdoc/>
    public Task<ICommandReply> RetryRevertAsync(string taskId, CancellationToken cancellationToken = default) =>
        AskAsync(taskId, new RetryRevert(taskId), cancellationToken);

    /// <inheritdoc/>
    public Task<ICommandReply> SignalAsync(string taskId, string name, string? payloadJson, string? signalId = null, CancellationToken cancellationToken = default) =>
        AskAsync(taskId, new SignalTask(taskId, name, payloadJson, signalId), cancellationToken);

    private async Task<ICommandReply> AskAsync(string taskId, ITaskCommand command, CancellationToken cancellationToken)
    {
        if (!TaskIds.IsValid(taskId))
        {
            return new CommandRejected(taskId, RejectionCode.InvalidInput, TaskIds.Explain(taskId));
        }

        // A submission creates the task, so it always goes to the actor; anything else needs a task that exists.
        if (command is not SubmitTask && !await IsAcceptedAsync(taskId, cancellationToken).ConfigureAwait(false))
        {
            return new CommandRejected(taskId, RejectionCode.NotFound, $"No task has id '{taskId}'.");
        }

        var region = await _region(cancellationToken).ConfigureAwait(false);
        return await region.Ask<ICommandReply>(command, _askTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells whether the task was ever accepted, from the journal, without touching sharding.</summary>
    /// <remarks>
    /// This cannot answer "not found" for a task a caller knows to exist: the task actor acknowledges a submission
    /// only after its <c>TaskAccepted</c> event is stored (the reply is sent from the persist callback, after the
    /// journal's commit), and events are never deleted. So once anyone has seen a submission acknowledged, this
    /// read finds the row. A request that races a submission not yet acknowledged may be told "not found", which is
    /// what it would have been told a moment earlier: to every caller the task did not exist yet.
    /// </remarks>
    private async Task<bool> IsAcceptedAsync(string taskId, CancellationToken cancellationToken) =>
        _acceptedTasks is null || await _acceptedTasks.ContainsAsync(taskId, cancellationToken).ConfigureAwait(false);
}
