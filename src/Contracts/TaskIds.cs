using System.Text.RegularExpressions;

namespace PhaseFlow.Contracts;

/// <summary>The rules for task ids: 1 to 200 characters of <c>[A-Za-z0-9._:-]</c>, so an id is safe in URLs, actor paths and logs.</summary>
public static partial class TaskIds
{
    /// <summary>The longest id allowed.</summary>
    public const int MaxLength = 200;

    /// <summary>Gets a value indicating whether <paramref name="taskId"/> follows the rules.</summary>
    /// <param name="taskId">The id.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(string? taskId) => taskId is not null && Pattern().IsMatch(taskId);

    /// <summary>Explains why <paramref name="taskId"/> is rejected, for an error message.</summary>
    /// <param name="taskId">The rejected id.</param>
    /// <returns>The explanation.</returns>
    public static string Explain(string? taskId) =>
        $"Task id '{taskId}' is invalid: use 1 to {MaxLength} characters of A-Z, a-z, 0-9, '.', '_', ':' or '-'.";

    /// <summary>Creates a new random id (a GUID without dashes).</summary>
    /// <returns>The id.</returns>
    public static string New() => Guid.NewGuid().ToString("N");

    // \z, not $: "$" also matches before a final "\n", which would let "id\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,200}\z")]
    private static partial Regex Pattern();
}
