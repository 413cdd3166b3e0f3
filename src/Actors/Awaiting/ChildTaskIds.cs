using System.Security.Cryptography;
using System.Text;
using PhaseFlow.Contracts;

namespace PhaseFlow.Actors.Awaiting;

/// <summary>
/// The ids of child tasks: derived from the parent's id, the phase, the attempt and the child's position, so starting
/// the same children again (after a crash, on another node) submits the same ids, and a submission is idempotent.
/// </summary>
internal static class ChildTaskIds
{
    /// <summary>How deep children may nest: a root task, its children, theirs, and so on.</summary>
    public const int MaxDepth = 16;

    /// <summary>Gets the id of one child: <c>parent:phase.attempt.position</c>, each 1-based.</summary>
    /// <param name="parentId">The parent's id.</param>
    /// <param name="index">The 0-based phase index.</param>
    /// <param name="attempt">The 1-based attempt.</param>
    /// <param name="position">The 0-based position among the attempt's children.</param>
    /// <returns>The id; when the parent's id is too long to keep whole, a hash of it stands in for it.</returns>
    public static string For(string parentId, int index, int attempt, int position)
    {
        var suffix = $":{index + 1}.{attempt}.{position + 1}";
        if (parentId.Length + suffix.Length <= TaskIds.MaxLength)
        {
            return parentId + suffix;
        }

        // Deep nesting of long ids: still deterministic, still unique per parent.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parentId)))[..32];
        return $"{parentId[..Math.Min(parentId.Length, TaskIds.MaxLength - suffix.Length - hash.Length - 1)]}.{hash}{suffix}";
    }

    /// <summary>Gets the ids of all children of one attempt.</summary>
    /// <param name="parentId">The parent's id.</param>
    /// <param name="index">The 0-based phase index.</param>
    /// <param name="attempt">The 1-based attempt.</param>
    /// <param name="count">How many children.</param>
    /// <returns>The ids, in order.</returns>
    public static IReadOnlyList<string> AllOf(string parentId, int index, int attempt, int count) =>
        [.. Enumerable.Range(0, count).Select(position => For(parentId, index, attempt, position))];
}
