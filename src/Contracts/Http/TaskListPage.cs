namespace PhaseFlow.Contracts.Http;

/// <summary>One page of <c>GET /tasks</c>, newest first.</summary>
/// <param name="Items">The tasks on this page.</param>
/// <param name="Next">The value to pass as <c>after</c> for the next page; <see langword="null"/> on the last page.</param>
public sealed record TaskListPage(IReadOnlyList<TaskListItem> Items, string? Next);
