using PhaseFlow.Contracts;
using PhaseFlow.Contracts.Http;

namespace PhaseFlow.Client;

/// <summary>
/// What <c>POST /tasks</c> answered: either a new task was accepted (HTTP 202, <see cref="Accepted"/>) or a task
/// with the same id, type and input already existed (HTTP 200, <see cref="Existing"/>).
/// </summary>
/// <param name="Created"><see langword="true"/> when the task is new.</param>
/// <param name="Accepted">The 202 answer; set exactly when <paramref name="Created"/> is <see langword="true"/>.</param>
/// <param name="Existing">The existing task; set exactly when <paramref name="Created"/> is <see langword="false"/>.</param>
public sealed record SubmitTaskResult(bool Created, TaskCommandResponse? Accepted, TaskResource? Existing)
{
    /// <summary>Gets the task's id, whichever answer it was.</summary>
    public string Id => Accepted?.Id ?? Existing?.Id ?? string.Empty;

    /// <summary>Gets the task's state as the server reported it, whichever answer it was.</summary>
    public TaskLifecycleState State => Accepted?.State ?? Existing?.State ?? TaskLifecycleState.Pending;
}
