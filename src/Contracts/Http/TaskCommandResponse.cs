namespace PhaseFlow.Contracts.Http;

/// <summary>
/// The answer of a command the server accepted (HTTP 202): <c>POST /tasks</c> for a new task, and
/// <c>POST /tasks/{id}/cancel</c> and <c>/retry-revert</c>. JSON: <c>{"id", "state"}</c>.
/// </summary>
/// <param name="Id">The task's id.</param>
/// <param name="State">The task's state when the command was accepted.</param>
public sealed record TaskCommandResponse(string Id, TaskLifecycleState State);
