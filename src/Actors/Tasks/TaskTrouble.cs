using PhaseFlow.Contracts.Queries;

namespace PhaseFlow.Actors.Tasks;

/// <summary>A task whose journal failed, as <see cref="TaskRestarts"/> remembers it.</summary>
/// <param name="Failures">How many times in a row.</param>
/// <param name="Problem">What failed, written for an operator.</param>
/// <param name="Since">When it last failed.</param>
/// <param name="RetryAt">When the task tries again.</param>
/// <param name="LastView">The task's status when it failed, if it had recovered.</param>
public sealed record TaskTrouble(int Failures, string Problem, DateTimeOffset Since, DateTimeOffset RetryAt, TaskStatusView? LastView)
{
    /// <summary>Gets the problem as a status shows it.</summary>
    public TaskProblem ToProblem() =>
        new($"{Problem} ({Failures} time(s) in a row; it tries again at {RetryAt:O}).", Since, RetryAt);
}
