using System.Globalization;
using PhaseFlow.Contracts;

namespace PhaseFlow.Host.Cli;

/// <summary>
/// How <c>status</c> and <c>watch</c> sum up a task's children in one line, e.g.
/// <c>1000 (998 succeeded, 2 running)</c>: how many, then how many in each state, finished states first.
/// </summary>
internal static class ChildTaskSummary
{
    /// <summary>Up to this many children, <c>status</c> lists each one; beyond, it points to <c>list --parent</c>.</summary>
    public const int ListedAtMost = 20;

    // Finished first (what a waiting parent counts), then the rest in the order a task goes through them.
    private static readonly TaskLifecycleState[] Order =
    [
        TaskLifecycleState.Succeeded,
        TaskLifecycleState.Reverted,
        TaskLifecycleState.RevertFailed,
        TaskLifecycleState.Pending,
        TaskLifecycleState.Running,
        TaskLifecycleState.Suspended,
        TaskLifecycleState.Reverting,
    ];

    /// <summary>Gets a value indicating whether a child is finished as its parent sees it: Succeeded, Reverted or RevertFailed.</summary>
    /// <param name="state">The child's state, if known.</param>
    /// <returns><see langword="true"/> when finished.</returns>
    public static bool IsFinished(TaskLifecycleState? state) =>
        state is TaskLifecycleState.Succeeded or TaskLifecycleState.Reverted or TaskLifecycleState.RevertFailed;

    /// <summary>Writes the summary.</summary>
    /// <param name="states">Each child's state; <see langword="null"/> for one whose state is not known.</param>
    /// <param name="unknown">What to call a child whose state is not known (e.g. <c>starting</c>, <c>not finished</c>).</param>
    /// <param name="notStarted">How many more children never started (their submission was refused); counted in the total.</param>
    /// <returns>The text, e.g. <c>3 (1 succeeded, 2 not finished)</c>.</returns>
    public static string Line(IReadOnlyCollection<TaskLifecycleState?> states, string unknown, int notStarted = 0)
    {
        var counts = states.OfType<TaskLifecycleState>().GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        var parts = Order.Where(counts.ContainsKey).Select(s => string.Create(CultureInfo.InvariantCulture, $"{counts[s]} {Word(s)}")).ToList();
        if (states.Count(s => s is null) is > 0 and var notKnown)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{notKnown} {unknown}"));
        }

        if (notStarted > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{notStarted} not started"));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{states.Count + notStarted} ({string.Join(", ", parts)})");
    }

    /// <summary>Names a state as the summary does: lower case, in words.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The word, e.g. <c>revert failed</c>.</returns>
    public static string Word(TaskLifecycleState state) =>
        state == TaskLifecycleState.RevertFailed ? "revert failed" : state.ToString().ToLowerInvariant();
}
