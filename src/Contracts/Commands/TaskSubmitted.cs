namespace PhaseFlow.Contracts.Commands;

/// <summary>The reply to an accepted <see cref="SubmitTask"/>: the task is stored.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="State">The task's state now.</param>
/// <param name="Created"><see langword="true"/> when this submission created the task; <see langword="false"/> for an identical resubmission.</param>
public sealed record TaskSubmitted(string TaskId, TaskLifecycleState State, bool Created) : ICommandReply;
