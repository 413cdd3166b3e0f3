using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.ReadModel;

/// <summary>A filtered, paged request for the task list, newest first.</summary>
/// <param name="State">Only tasks in this state; <see langword="null"/> for all.</param>
/// <param name="TaskType">Only tasks of this type; <see langword="null"/> for all.</param>
/// <param name="Limit">The page size.</param>
/// <param name="After">The cursor of the last row of the previous page; <see langword="null"/> for the first page.</param>
/// <param name="ParentId">Only the child tasks of this task; <see langword="null"/> for all tasks.</param>
public sealed record TaskListQuery(TaskLifecycleState? State, string? TaskType, int Limit, TaskListCursor? After, string? ParentId = null);
