namespace PhaseFlow.Contracts.Queries;

/// <summary>Why a task cannot go on right now, as its status shows it. Not journaled: it describes this node's view.</summary>
/// <param name="Message">What is wrong and what fixes it, written for an operator.</param>
/// <param name="Since">When the problem was noticed.</param>
/// <param name="RetryAt">When the node tries again by itself, or <see langword="null"/> when only an operator can fix it.</param>
public sealed record TaskProblem(string Message, DateTimeOffset Since, DateTimeOffset? RetryAt = null);
