using PhaseFlow.Contracts.Commands;
using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Client;

/// <summary>Talks to tasks from .NET: submit, status, cancel, retry a failed revert. Every call waits for the task's answer.</summary>
public interface IPhaseFlowClient
{
    /// <summary>Submits a task (idempotent on the id).</summary>
    /// <param name="command">The submission.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns><see cref="TaskSubmitted"/> or <see cref="CommandRejected"/>.</returns>
    Task<ICommandReply> SubmitAsync(SubmitTask command, CancellationToken cancellationToken = default);

    /// <summary>Gets a task's status.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns>The status, or <see langword="null"/> when no task has that id.</returns>
    /// <exception cref="TaskUnavailableException">The task cannot be loaded right now (its journal cannot be read); the message says why.</exception>
    Task<TaskStatusView?> GetStatusAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a task: a running phase is signalled and the completed phases are reverted.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns><see cref="CommandAccepted"/> or <see cref="CommandRejected"/>.</returns>
    Task<ICommandReply> CancelAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Continues a suspended task whose definition matches its journal again.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns><see cref="CommandAccepted"/>, or <see cref="CommandRejected"/> saying where the plan still differs.</returns>
    Task<ICommandReply> ResumeAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Delivers a named signal to a task (see <see cref="SignalTask"/>).</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="name">The signal's name.</param>
    /// <param name="payloadJson">The payload as JSON, or <see langword="null"/> for none.</param>
    /// <param name="signalId">An id that makes the delivery idempotent, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns><see cref="CommandAccepted"/>, or <see cref="CommandRejected"/> saying why the task does not take it.</returns>
    Task<ICommandReply> SignalAsync(string taskId, string name, string? payloadJson, string? signalId = null, CancellationToken cancellationToken = default);

    /// <summary>Runs the revert of a task in RevertFailed again.</summary>
    /// <param name="taskId">The task's id.</param>
    /// <param name="cancellationToken">Stops waiting for the answer.</param>
    /// <returns><see cref="CommandAccepted"/> or <see cref="CommandRejected"/>.</returns>
    Task<ICommandReply> RetryRevertAsync(string taskId, CancellationToken cancellationToken = default);
}
