using System.Text;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Client;

/// <summary>The commands: cancel, resume, retry a revert, signal.</summary>
public sealed partial class PhaseFlowHttpClient
{
    /// <summary>Asks a task to cancel (<c>POST /tasks/{id}/cancel</c>): a running task stops and reverts.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The accepted command's answer (202).</returns>
    /// <exception cref="PhaseFlowApiException">No such task (404), the task cannot be cancelled now (409), or the server could not be reached.</exception>
    public Task<TaskCommandResponse> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return PostCommandAsync(PhaseFlowApi.Cancel(id), cancellationToken);
    }

    /// <summary>Continues a suspended task whose definition matches its journal again (<c>POST /tasks/{id}/resume</c>).</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The accepted command's answer (202).</returns>
    /// <exception cref="PhaseFlowApiException">No such task (404), the task is not suspended or its plan still differs from its journal (409, the detail says where), or the server could not be reached.</exception>
    public Task<TaskCommandResponse> ResumeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return PostCommandAsync(PhaseFlowApi.Resume(id), cancellationToken);
    }

    /// <summary>Runs a failed revert again (<c>POST /tasks/{id}/retry-revert</c>).</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The accepted command's answer (202).</returns>
    /// <exception cref="PhaseFlowApiException">No such task (404), the task is not in RevertFailed (409), or the server could not be reached.</exception>
    public Task<TaskCommandResponse> RetryRevertAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return PostCommandAsync(PhaseFlowApi.RetryRevert(id), cancellationToken);
    }

    /// <summary>Delivers a named signal to a task (<c>POST /tasks/{id}/signals/{name}</c>); the payload becomes the waiting phase's output.</summary>
    /// <param name="id">The task's id.</param>
    /// <param name="name">The signal's name.</param>
    /// <param name="payloadJson">The payload, any JSON value, or <see langword="null"/> for none.</param>
    /// <param name="signalId">An id that makes the delivery idempotent (the same id again changes nothing), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The accepted command's answer (202).</returns>
    /// <exception cref="PhaseFlowApiException">A bad name, id or payload (400), no such task (404), the task neither waits for this signal nor declares it (409), or the server could not be reached.</exception>
    public async Task<TaskCommandResponse> SignalAsync(string id, string name, string? payloadJson = null, string? signalId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var payload = payloadJson is null ? null : new StringContent(payloadJson, Encoding.UTF8, "application/json");
        return await PostCommandAsync(PhaseFlowApi.Signal(id, name, signalId), cancellationToken, payload).ConfigureAwait(false);
    }
}
