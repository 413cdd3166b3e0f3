namespace PhaseFlow.Contracts.Http;

/// <summary>The answer of <c>POST /tasks</c> (202) and of <c>POST /tasks/{id}/cancel</c> and <c>/retry-revert</c>.</summary>
/// <param name="Id">The task's id.</param>
/// <param name="State">The task's state when the command was accepted.</param>
public sealed record SubmitTaskResponse(string Id, TaskLifecycleState State);
