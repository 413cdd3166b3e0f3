namespace PhaseFlow.Actors.ReadModel;

/// <summary>The actor-registry key of the task list projection singleton (and its proxy).</summary>
public sealed class TaskListProjectionKey;
